/**
 * A name made safe as one URL path segment and file name: separators, dot-only segments and
 * invisible or bidi control characters can never escape the output folder or spoof a path.
 */
export function safeSegment(name: string): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\/\\?#%"<>|*:`{}^[\]\s]/g, '_');
  if (/^\.*$/.test(s)) s = `_${s}`;
  if (s.startsWith('.')) s = `_${s.slice(1)}`;
  return s.slice(0, 150);
}

/** research.splunk.com's slug rule (lowercase, spaces → `_`, everything else kept), path-safe. */
export function researchSlug(name: string): string {
  return safeSegment(name.toLowerCase().replace(/ /g, '_'));
}
