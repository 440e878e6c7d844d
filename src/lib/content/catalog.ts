import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { buildIndexes, type Collections, type Indexes } from './indexes';
import { lastLoadedCatalog } from './loaded';
import type { Problem } from './problems';

/**
 * The one module that queries the content collections. Every page awaits `catalog()` and reads
 * ready-made lists and indexes; the work is done once per build, not once per page.
 */
export interface Catalog extends Collections, Indexes {
  problems: Problem[];
}

let pending: Promise<Catalog> | null = null;

async function load(): Promise<Catalog> {
  const data = async <K extends CollectionKey>(name: K): Promise<CollectionEntry<K>['data'][]> =>
    (await getCollection(name)).map((e) => e.data);
  const byName = <T extends { name: string }>(xs: T[]) => xs.sort((a, b) => a.name.localeCompare(b.name));
  const collections: Collections = {
    detections: byName(await data('detections')),
    stories: byName(await data('stories')),
    macros: byName(await data('macros')),
    lookups: byName(await data('lookups')),
    dataSources: byName(await data('dataSources')),
    baselines: byName(await data('baselines')),
    investigations: byName(await data('investigations')),
    playbooks: byName(await data('playbooks')),
  };
  // The store keeps entries without their file text (loader.ts); put it back from the load the
  // loaders synced, which holds the same entries.
  const loaded = lastLoadedCatalog();
  const kinds = Object.keys(collections) as (keyof Collections)[];
  const text = new Map(kinds.flatMap((k) => (loaded?.[k] ?? []).map((e) => [e.filePath, e.raw] as const)));
  for (const k of kinds) for (const e of collections[k]) e.raw = text.get(e.filePath) ?? '';
  const problems = await data('problems');
  return { ...collections, ...buildIndexes(collections), problems };
}

export function catalog(): Promise<Catalog> {
  return (pending ??= load());
}
