import { stripControl } from './clean.ts';

/**
 * Escaping for markup we write as strings (redirect pages, feeds, the sitemap, the raw-YAML
 * view); Astro escapes everything else. Strings with nothing to escape come back as they are.
 */
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TEXT = /[&<>]/;
const ATTRIBUTE = /[&<>"]/;

// Control characters are removed first (src/lib/text/clean.ts): XML 1.0 cannot hold them at all.
/** For element content (HTML or XML text). */
export const escapeText = (s: string): string => {
  const t = stripControl(s);
  return TEXT.test(t) ? t.replace(/[&<>]/g, (c) => ENTITY[c]!) : t;
};

/** For a double-quoted attribute value, and element content as well. */
export const escapeAttribute = (s: string): string => {
  const t = stripControl(s);
  return ATTRIBUTE.test(t) ? t.replace(/[&<>"]/g, (c) => ENTITY[c]!) : t;
};
