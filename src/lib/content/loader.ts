import type { Loader } from 'astro/loaders';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedCatalog } from './load';
import { readSettings } from './settings';
import { invalidateLoadedCatalog, peekLoadedCatalog } from './loaded';

type ListKey = 'detections' | 'stories' | 'macros' | 'lookups' | 'dataSources' | 'baselines' | 'investigations' | 'playbooks' | 'problems';

/**
 * A content-layer loader over the shared catalog load: every collection reads the same
 * validated, normalized entries, so one broken file is reported once and skipped everywhere.
 * Validation happens in src/schemas (with positions and the problem report); the collection
 * schema only types the stored model. Entries are stored without `raw` (the file's text).
 */
export function catalogLoader<T>(list: ListKey, idOf: (e: T) => string): Loader {
  return {
    name: `catalog-${list}`,
    load: async ({ store, config, generateDigest, watcher, logger }) => {
      const { contentDir } = readSettings(fileURLToPath(config.root));
      const sync = (cat: LoadedCatalog) => {
        const items = cat[list] as unknown as T[];
        const seen = new Set<string>();
        for (const item of items) {
          const id = idOf(item);
          seen.add(id);
          // The file's text is half of each entry and the store is bundled into the build, so it
          // stays out; catalog() puts it back from the same load (lib/content/catalog.ts).
          const { raw: _text, ...data } = item as unknown as Record<string, unknown>;
          store.set({ id, data, digest: generateDigest(data) });
        }
        for (const key of store.keys()) if (!seen.has(key)) store.delete(key);
      };
      // In a build the integration has loaded the content already; only otherwise is the
      // loading code imported here.
      const load = async () => peekLoadedCatalog(contentDir) ?? (await import('./shared-catalog')).getLoadedCatalog(contentDir);
      sync(await load());
      if (watcher) {
        watcher.add(contentDir);
        watcher.on('all', async (_event, path) => {
          if (relative(contentDir, path).startsWith('..')) return;
          invalidateLoadedCatalog(contentDir);
          logger.info(`content changed: ${relative(contentDir, path)}`);
          sync(await load());
        });
      }
    },
  };
}
