import { currentPageBuild } from '../build/incremental';
import type { Collections } from '../content/indexes';
import { detectionRows } from './views';

export interface PageEntry<P> {
  /** Site path of the page, as `paths.*` gives it (`endpoint/<id>/`). */
  path: string;
  params: Record<string, string | undefined>;
  props: P;
}

/**
 * `getStaticPaths` for a route whose pages render from their props alone. In an incremental
 * production build, pages unchanged since the last build into the same folder are left out and
 * kept on disk (src/lib/build/incremental.ts); in dev every page is listed.
 */
export function incrementalPaths<P>(route: string, c: Collections, entries: PageEntry<P>[]): { params: PageEntry<P>['params']; props: P }[] {
  const build = currentPageBuild();
  const chosen = build
    ? build.select(route, entries, () => [c.detections, detectionRows(c.detections), c.stories, c.macros, c.lookups, c.dataSources, c.baselines, c.investigations, c.playbooks])
    : entries;
  return chosen.map(({ params, props }) => ({ params, props }));
}
