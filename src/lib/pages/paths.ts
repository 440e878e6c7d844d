import { currentPageKeys } from '../build/incremental';
import type { Collections } from '../content/indexes';

export interface PageEntry<P> {
  /** Site path of the page, as `paths.*` gives it (`endpoint/<id>/`). */
  path: string;
  params: Record<string, string | undefined>;
  props: P;
}

/**
 * `getStaticPaths` for a route whose pages render from their props alone. In an incremental
 * production build each page gets a `cacheKey` (src/lib/build/incremental.ts), so Astro keeps
 * the pages whose key and code are unchanged since the last build into the same folder.
 */
export function incrementalPaths<P>(route: string, c: Collections, entries: PageEntry<P>[]): { params: PageEntry<P>['params']; props: P; cacheKey?: string }[] {
  const keys = currentPageKeys();
  const entities = () => [c.detections, c.stories, c.macros, c.lookups, c.dataSources, c.baselines, c.investigations, c.playbooks];
  return entries.map((e) => {
    const cacheKey = keys?.keyOf(route, e, entities);
    return cacheKey === undefined ? { params: e.params, props: e.props } : { params: e.params, props: e.props, cacheKey };
  });
}
