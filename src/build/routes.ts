import { currentPageBuild } from './incremental';
import type { Collections } from '../domain/catalog/indexes';
import { detectionRows } from '../views/pages';

type Params = Record<string, string | undefined>;

export type PageEntry<P> =
  | {
      /** Site path of the page, as `paths.*` gives it (`endpoint/<id>/`). */
      path: string;
      params: Params;
      props: P;
    }
  | {
      path: string;
      params: Params;
      /**
       * What the props are computed from; the page's fingerprint covers this instead of the
       * props, which are computed only for pages that render. The props must be a function of
       * `inputs` alone (pass a function that takes nothing else from the catalog).
       */
      inputs: unknown;
      props: () => P;
    };

/**
 * `getStaticPaths` for a route whose pages render from their props alone. In an incremental
 * production build, pages unchanged since the last build into the same folder are left out and
 * kept on disk (src/build/incremental.ts); in dev every page is listed.
 */
export function incrementalPaths<P>(route: string, c: Collections, entries: PageEntry<P>[]): { params: Params; props: P }[] {
  const build = currentPageBuild();
  const props = (e: PageEntry<P>): P => ('inputs' in e ? e.props() : e.props);
  if (!build) return entries.map((e) => ({ params: e.params, props: props(e) }));
  // What the fingerprint covers: the params and the props, or the inputs they come from.
  const keyed = new Map(entries.map((e) => ['inputs' in e ? { path: e.path, params: e.params, inputs: e.inputs } : { path: e.path, params: e.params, props: e.props }, e] as const));
  const chosen = build.select(route, [...keyed.keys()], () => fingerprintEntities(c));
  return chosen.map((k) => {
    const e = keyed.get(k)!;
    return { params: e.params, props: props(e) };
  });
}

/**
 * What stands for itself by one hash in page fingerprints: every entity, every detection row,
 * and the macro list as a whole (detection inputs hold it: a macro edit changes their pages).
 */
export const fingerprintEntities = (c: Collections): (readonly object[])[] =>
  [c.detections, detectionRows(c.detections), c.stories, c.macros, [c.macros], c.lookups, c.dataSources, c.baselines, c.investigations, c.playbooks];
