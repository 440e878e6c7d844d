/**
 * Site-wide settings from the environment at build time.
 */
export const SITE_NAME = process.env.SITE_NAME?.trim() || 'Detection Catalog';
export const SPLUNK_WEB_URL = process.env.SPLUNK_WEB_URL?.trim() || 'http://localhost:8000';
export const SPLUNK_APP = process.env.SPLUNK_APP?.trim() || 'search';
export const REPO_URL = (process.env.REPO_URL?.trim() || 'https://github.com/splunk/security_content').replace(/\/+$/, '');
export const REPO_BRANCH = process.env.REPO_BRANCH?.trim() || 'develop';

/**
 * Every page's Content-Security-Policy (a <meta> first in <head>, so it covers everything after
 * it). Scripts only from our own files: the site has no inline script, and a test fails any
 * page that gets one. Styles only from our own stylesheet too: Shiki's colours are classes
 * (src/lib/spl/shiki-classes.ts) and no component writes a style attribute. Written here rather than by Astro's `security.csp`, which hashes every
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
