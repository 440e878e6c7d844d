import type { Collections } from '../domain/catalog/indexes.ts';
import type { Catalog } from '../domain/catalog/index.ts';
import type { CatalogHistory } from '../domain/history/catalog.ts';
import { KINDS, pageOf, paramsOf, type EntryOf, type KindKey } from '../content/kinds.ts';
import { detectionRows } from '../views/pages.ts';
import { currentSession, session } from './session.ts';

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

type StaticPaths<P> = () => Promise<{ params: Params; props: P }[]>;

/** Props computed only for pages that render; the page's fingerprint covers `inputs` instead. */
export class Deferred<P> {
  readonly inputs: unknown;
  readonly props: () => P;
  /** `props` must be a function of `inputs` alone (take nothing else from the catalog). */
  constructor(inputs: unknown, props: () => P) {
    this.inputs = inputs;
    this.props = props;
  }
}

/**
 * `getStaticPaths` of an entity page (`export const getStaticPaths = entityRoute('macros', macroView)`):
 * one page per entry of the kind, at its URL (src/content/kinds.ts), with `view`'s result as its
 * props (or a `Deferred` of them).
 */
export function entityRoute<K extends KindKey, P>(
  kind: K,
  view: (entry: EntryOf<K>, c: Catalog) => P | Deferred<P>,
  /** Pages of entries the content no longer has but the site keeps (removed detections), at their URLs. */
  more: (c: Catalog) => EntryOf<K>[] = () => [],
): StaticPaths<P> {
  const k = KINDS.find((x) => x.key === kind)!;
  return catalogRoute<P>(k.kind, (c) => {
    // Without a page build (dev, or CATALOG_INCREMENTAL off) nothing fingerprints the inputs:
    // the view and its inputs (related detections, for each of 1,711 corpus detections) are made
    // only when the page renders; dev renders one page per request.
    const unselected = !currentSession()?.pageBuild;
    return [...(c[kind] as EntryOf<K>[]), ...more(c)].map((e) => {
      const key = e as { id?: string | null; slug?: string; folder?: string };
      const at = { path: pageOf(k, key), params: paramsOf(k, key) };
      if (unselected) return { ...at, props: lazy(() => propsOf(view(e, c))) };
      const v = view(e, c);
      return v instanceof Deferred ? { ...at, inputs: v.inputs, props: v.props } : { ...at, props: v };
    });
  });
}

const propsOf = <P>(v: P | Deferred<P>): P => (v instanceof Deferred ? v.props() : v);

/**
 * `getStaticPaths` of any other route whose pages render from their props alone: `entries`
 * lists them from the catalog. In an incremental production build, pages unchanged since the
 * last build into the same folder are left out and kept on disk (src/build/incremental.ts); in
 * dev every page is listed.
 */
export function catalogRoute<P>(route: string, entries: (c: Catalog) => PageEntry<P>[]): StaticPaths<P> {
  return async () => {
    await session().ready();
    const c = session().catalog();
    return incrementalPaths(route, c, entries(c));
  };
}

function incrementalPaths<P>(route: string, c: Catalog, entries: PageEntry<P>[]): { params: Params; props: P }[] {
  const build = currentSession()?.pageBuild ?? null;
  const props = (e: PageEntry<P>): P => ('inputs' in e ? e.props() : e.props);
  // Dev (no page build): Astro asks for every path to serve one page, so deferred props are
  // made only when that page reads them; views of all 1,711 corpus detections took a second.
  if (!build) return entries.map((e) => ({ params: e.params, props: 'inputs' in e ? lazy(e.props) : e.props }));
  // What the fingerprint covers: the params and the props, or the inputs they come from.
  const keyed = new Map(
    entries.map(
      (e) =>
        [
          'inputs' in e
            ? { path: e.path, params: e.params, inputs: e.inputs }
            : { path: e.path, params: e.params, props: e.props },
          e,
        ] as const,
    ),
  );
  const chosen = build.select(
    route,
    [...keyed.keys()],
    () => fingerprintEntities(c),
    () => historyVersions(c.history),
  );
  return chosen.map((k) => {
    const e = keyed.get(k)!;
    return { params: e.params, props: props(e) };
  });
}

/**
 * Every version of a detection in the history, named by its git blob: a page's fingerprint
 * then holds the blob id instead of serializing the version's YAML again.
 */
function* historyVersions(h: CatalogHistory | null | undefined): Generator<readonly [object, string]> {
  if (!h) return;
  const timelines = [...h.detections.values(), ...h.removed.map((r) => r.history)];
  for (const t of timelines) for (const e of t.entries) if (e.data && e.blob) yield [e.data, `blob ${e.blob}`] as const;
}

/**
 * What stands for itself by one hash in page fingerprints: every entity, every detection row,
 * and the macro list as a whole (detection inputs hold it: a macro edit changes their pages).
 */
export const fingerprintEntities = (c: Collections): (readonly object[])[] => [
  c.detections,
  detectionRows(c.detections),
  c.stories,
  c.macros,
  [c.macros],
  c.lookups,
  c.dataSources,
  c.baselines,
  c.investigations,
  c.playbooks,
];

/**
 * An object that is `make()`'s result, made on first use: every read (a property, `in`, the
 * keys, a spread) goes to it. For props a page reads only when it renders.
 */
export function lazy<P>(make: () => P): P {
  let value: object | undefined;
  const target = () => (value ??= make() as object);
  return new Proxy(
    {},
    {
      get: (_t, k) => Reflect.get(target(), k),
      has: (_t, k) => Reflect.has(target(), k),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_t, k) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), k);
        return d && { ...d, configurable: true };
      },
    },
  ) as P;
}
