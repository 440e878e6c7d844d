import { loadCatalog, type LoadedCatalog } from '../content/load.ts';
import { peekLoadedCatalog, rememberLoadedCatalog } from './loaded.ts';

const YAML_CACHE = Symbol.for('detection-catalog.yaml-cache-file');

/** Where parsed YAML is kept between runs (src/content/yaml-cache.ts); set by the integration. */
export function setYamlCacheFile(file: string | null): void {
  (globalThis as unknown as Record<symbol, string | null>)[YAML_CACHE] = file;
}

/** The content of `contentDir`, loaded once per process (kept in loaded.ts). */
export function getLoadedCatalog(contentDir: string): LoadedCatalog {
  let cat = peekLoadedCatalog(contentDir);
  if (!cat) {
    cat = loadCatalog(contentDir, { yamlCacheFile: (globalThis as unknown as Record<symbol, string | null | undefined>)[YAML_CACHE] ?? null });
    rememberLoadedCatalog(contentDir, cat);
  }
  return cat;
}
