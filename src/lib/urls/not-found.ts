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
  const query = id ?? last.replace(/\.html?$/i, '').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
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
