import { buildIndexes, type Collections, type Indexes } from './indexes';
import { lastLoadedCatalog } from '../../build/loaded';
import type { LoadedCatalog } from '../../content/load';
import { KINDS } from '../../content/kinds';
import { problemKey, type Problem } from '../../content/problems';

/**
 * The one module pages read content through. Every page awaits `catalog()` and reads ready-made
 * lists and indexes; the work is done once per load, not once per page.
 *
 * It reads the load the content loaders synced (the same process runs the integration, the
 * loaders and, in a build, the prerendering), not the content store: the store holds only
 * summaries (src/content.config.ts). A content edit in dev loads again and makes a new catalog.
 */
export interface Catalog extends Collections, Indexes {
  problems: Problem[];
}

let built: { from: LoadedCatalog; catalog: Catalog } | null = null;

function make(loaded: LoadedCatalog): Catalog {
  const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  const collections = Object.fromEntries(KINDS.map((k) => [k.key, byName(loaded[k.key] as readonly { name: string }[])])) as unknown as Collections;
  return { ...collections, ...buildIndexes(collections), problems: [...loaded.problems].sort((a, b) => problemKey(a).localeCompare(problemKey(b))) };
}

export async function catalog(): Promise<Catalog> {
  const loaded = lastLoadedCatalog();
  // The integration loads the content before Astro syncs or renders anything, in a build and in dev.
  if (!loaded) throw new Error('catalog(): no content loaded in this process (the detection-catalog integration loads it when Astro starts)');
  if (built?.from !== loaded) built = { from: loaded, catalog: make(loaded) };
  return built.catalog;
}
