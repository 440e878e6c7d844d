import type { SearchEngine } from './engine.ts';

/**
 * How many detections the explore page shows for a query it is opened with (`/explore/?q=…`):
 * the index alone, and the search text only where explore reaches for it, an `spl:` query or one
 * the index finds nothing for (but a technique id no detection has, which the text cannot
 * change). `withText` is the same index with the text attached, or null while it is not here:
 * then the answer is null and the caller loads it.
 */
export function exploreCount(engine: SearchEngine, withText: SearchEngine | null, query: string): number | null {
  const res = engine.search(query);
  if (res.needsText || (!res.hits.length && !res.unknown.length))
    return withText ? withText.search(query).hits.length : null;
  return res.hits.length;
}
