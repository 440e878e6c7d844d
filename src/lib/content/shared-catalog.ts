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

const YAML_CACHE = Symbol.for('detection-catalog.yaml-cache-file');

/** Where parsed YAML is kept between runs (src/lib/content/yaml-cache.ts); set by the integration. */
export function setYamlCacheFile(file: string | null): void {
  (globalThis as unknown as Record<symbol, string | null>)[YAML_CACHE] = file;
}

const LAST = Symbol.for('detection-catalog.last-loaded');

/** The catalog the content loaders synced last, or null before any load in this process. */
export function lastLoadedCatalog(): LoadedCatalog | null {
  return (globalThis as unknown as Record<symbol, LoadedCatalog | undefined>)[LAST] ?? null;
}

export function getLoadedCatalog(contentDir: string): LoadedCatalog {
  const c = cache();
  let cat = c.get(contentDir);
  if (!cat) {
    cat = loadCatalog(contentDir, { yamlCacheFile: (globalThis as unknown as Record<symbol, string | null | undefined>)[YAML_CACHE] ?? null });
    c.set(contentDir, cat);
  }
  (globalThis as unknown as Record<symbol, LoadedCatalog | undefined>)[LAST] = cat;
  return cat;
}

/** Dev server: a content file changed, the next read loads again. */
export function invalidateLoadedCatalog(contentDir: string): void {
  cache().delete(contentDir);
}
