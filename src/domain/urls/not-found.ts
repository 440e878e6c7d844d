/**
 * What the 404 page can make of a path it was given: a detection id to look up (an old link
 * to a detection that has since moved to another folder) and words to search for.
 */
export interface NotFoundGuess {
  /** Lowercase UUID found as a path segment, if any. */
  id: string | null;
  /** A query for /explore/: the last segment, with `_` and `-` read as spaces. */
  query: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const withSlash = (base: string) => (base.endsWith('/') ? base : `${base}/`);

export function guessFromPath(pathname: string, base: string): NotFoundGuess {
  let path = pathname;
  const b = withSlash(base);
  if (path.startsWith(b)) path = path.slice(b.length);
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const id = segments.map((s) => s.toLowerCase().replace(/\.(json|html)$/, '')).find((s) => UUID.test(s)) ?? null;
  const last = segments.filter((s) => s.toLowerCase() !== 'index.html').at(-1) ?? '';
  const query =
    id ??
    last
      .replace(UNTRUSTED, '')
      .replace(/\.html?$/i, '')
      .replace(/[_-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
  return { id, query };
}

/** The site path (with the base) of a detection, from its per-detection API record. */
export function detectionHrefFromApi(record: unknown, base: string): string | null {
  const c = (record as { catalog?: { folder?: unknown }; id?: unknown } | null)?.catalog;
  const id = (record as { id?: unknown } | null)?.id;
  if (!c || typeof c.folder !== 'string' || typeof id !== 'string' || !UUID.test(id.toLowerCase())) return null;
  if (!c.folder || c.folder.includes('/') || c.folder === '.' || c.folder === '..') return null;
  return `${withSlash(base)}${encodeURIComponent(c.folder)}/${id.toLowerCase()}/`;
}

/** Where the per-detection API record of `id` is served. */
export const detectionApiHref = (id: string, base: string): string => `${withSlash(base)}api/detections/${id}.json`;

// Controls, bidi and invisible formatting characters: they could reorder or hide what the page says.
const UNTRUSTED =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How long a path the 404 page echoes; the rest is cut with an ellipsis. */
export const SHOWN_PATH_MAX = 80;

/**
 * The address the 404 page repeats to the visitor (as text only): decoded, with control, bidi
 * and invisible characters removed and cut to SHOWN_PATH_MAX characters, so a crafted link
 * cannot make the page say something else.
 */
export function shownPath(pathname: string, max = SHOWN_PATH_MAX): string {
  let s: string;
  try {
    s = decodeURI(pathname);
  } catch {
    s = pathname;
  }
  s = s.replace(UNTRUSTED, '');
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}
