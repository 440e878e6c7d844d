import { settings } from './settings.ts';

/** The site-wide settings pages show (validated in src/lib/settings.ts). */
export const { SITE_NAME, SPLUNK_WEB_URL, SPLUNK_APP, REPO_URL, REPO_BRANCH } = settings();

/**
 * Every page's Content-Security-Policy (a <meta> first in <head>, so it covers everything after
 * it). Scripts only from our own files: the site has no inline script, and a test fails any
 * page that gets one. Styles only from our own stylesheet too: Shiki's colours are classes
 * (src/domain/spl/shiki-classes.ts) and no component writes a style attribute. Written here rather than by Astro's `security.csp`, which hashes every
 * page's scripts and styles at build time, a cost on every page, for hashes this site
 * never needs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');
