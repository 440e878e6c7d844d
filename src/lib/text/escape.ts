/**
 * Escaping for markup we write as strings (redirect pages, feeds, the sitemap, the raw-YAML
 * view); Astro escapes everything else. Strings with nothing to escape come back as they are.
 */
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TEXT = /[&<>]/;
const ATTRIBUTE = /[&<>"]/;

/** For element content (HTML or XML text). */
export const escapeText = (s: string): string => (TEXT.test(s) ? s.replace(/[&<>]/g, (c) => ENTITY[c]!) : s);

/** For a double-quoted attribute value, and element content as well. */
export const escapeAttribute = (s: string): string => (ATTRIBUTE.test(s) ? s.replace(/[&<>"]/g, (c) => ENTITY[c]!) : s);
