import type { LoadedCatalog } from '../content/load.ts';

/**
 * The loaded catalogs of this process, without the loading code: Astro evaluates the config
 * (integration) and content.config.ts (loaders) as separate module graphs, so they live on
 * globalThis, and the loaders import only this module as long as the integration has loaded
 * the content already (it always has in a build): Vite then never transforms the parsers, the
 * schemas and zod again for the content config.
 */
const KEY = Symbol.for('detection-catalog.loaded');
const LAST = Symbol.for('detection-catalog.last-loaded');
type G = Record<symbol, unknown>;

function cache(): Map<string, LoadedCatalog> {
  const g = globalThis as unknown as G;
  return (g[KEY] ??= new Map()) as Map<string, LoadedCatalog>;
}

/** The catalog already loaded from `contentDir` in this process, if any (and now the last one). */
export function peekLoadedCatalog(contentDir: string): LoadedCatalog | null {
  const cat = cache().get(contentDir) ?? null;
  if (cat) (globalThis as unknown as G)[LAST] = cat;
  return cat;
}

export function rememberLoadedCatalog(contentDir: string, cat: LoadedCatalog): void {
  cache().set(contentDir, cat);
  (globalThis as unknown as G)[LAST] = cat;
}

/** Dev server: a content file changed, the next read loads again. */
export function invalidateLoadedCatalog(contentDir: string): void {
  cache().delete(contentDir);
}

/** The catalog the content loaders synced last, or null before any load in this process. */
export function lastLoadedCatalog(): LoadedCatalog | null {
  return ((globalThis as unknown as G)[LAST] as LoadedCatalog | undefined) ?? null;
}
