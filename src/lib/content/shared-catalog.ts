import { loadCatalog, type LoadedCatalog } from './load';

/**
 * One load per content folder per process. Astro evaluates the config (integration) and
 * content.config.ts (loaders) as separate module graphs, so the cache lives on globalThis.
 */
const KEY = Symbol.for('detection-catalog.loaded');
type Cache = Map<string, LoadedCatalog>;

function cache(): Cache {
  const g = globalThis as unknown as Record<symbol, Cache | undefined>;
  return (g[KEY] ??= new Map());
}

export function getLoadedCatalog(contentDir: string): LoadedCatalog {
  const c = cache();
  let cat = c.get(contentDir);
  if (!cat) {
    cat = loadCatalog(contentDir);
    c.set(contentDir, cat);
  }
  return cat;
}

/** Dev server: a content file changed, the next read loads again. */
export function invalidateLoadedCatalog(contentDir: string): void {
  cache().delete(contentDir);
}
