/**
 * Names as URL segments, and the keys two names are compared by (docs/content-format.md §15.1).
 *
 * A segment is what a page's URL is made of; a key is what decides that two entries would be
 * one page on some host: look-alike spellings of one name (case, no-break spaces, tabs,
 * zero-width or bidi characters, fullwidth letters) must not give a newcomer an existing page.
 */

// Every format character (zero-width, LRM/RLM, LRE…RLO, LRI…PDI, BOM, soft hyphen, …) and controls.
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/** NFKC, invisible and bidi characters removed, every run of whitespace one space, trimmed. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s/g, ' ').replace(INVISIBLE, '').replace(/ +/g, ' ').trim();
}

/** Two names with the same key are the same name to a reader (and to a case-insensitive host). */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/** Two segments with the same key are one path on a case-insensitive host. */
export function segmentKey(segment: string): string {
  return segment.toLowerCase();
}

/**
 * A name made safe as one URL path segment and file name: separators, dot-only segments and
 * invisible or bidi control characters can never escape the output folder or spoof a path.
 * Runs of whitespace stay one `_` each, as research.splunk.com had them.
 */
export function safeSegment(name: string): string {
  let s = name
    .normalize('NFKC')
    // Tabs and line breaks are spaces first, so "a<TAB>b" is "a_b" like "a b", not "ab".
    .replace(/\s/g, ' ')
    .replace(INVISIBLE, '')
    .trim()
    .replace(/[/\\?#%"<>|*:`{}^[\]\s]/g, '_');
  if (/^\.*$/.test(s)) s = `_${s}`;
  if (s.startsWith('.')) s = `_${s.slice(1)}`;
  return s.slice(0, 150);
}

/** research.splunk.com's slug rule (lowercase, spaces → `_`, everything else kept), path-safe. */
export function researchSlug(name: string): string {
  return safeSegment(name.toLowerCase().replace(/ /g, '_'));
}
