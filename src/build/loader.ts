import type { Loader } from 'astro/loaders';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedCatalog } from '../content/load';
import type { KindKey } from '../content/kinds';
import { readSettings } from '../content/content-dir';
import { invalidateLoadedCatalog, peekLoadedCatalog } from './loaded';
import { terminalSafe } from '../lib/text/clean';

type ListKey = KindKey | 'problems';

/**
 * A content-layer loader over the shared catalog load: every collection lists the same
 * validated, normalized entries, so one broken file is reported once and skipped everywhere.
 * Validation happens in src/content/schemas (with positions and the problem report).
 *
 * The store holds what `summarize` picks (a name, the file, the facts lists filter on), with a
 * digest of what the entry comes from (`digestOf`), so that any edit counts as a change (dev
 * reloads on it). The full entries stay in the process's loaded catalog, which pages read
 * through lib/content/catalog.ts: Astro serializes the store, bundles it into the server build
 * and parses it back, and for the whole model that was a visible part of every build.
 */
export function catalogLoader<T>(list: ListKey, idOf: (e: T) => string, summarize: (e: T) => Record<string, unknown>): Loader {
  return {
    name: `catalog-${list}`,
    load: async ({ store, config, generateDigest, parseData, watcher, logger }) => {
      const { contentDir } = readSettings(fileURLToPath(config.root));
      const sync = async (cat: LoadedCatalog) => {
        const items = cat[list] as unknown as T[];
        const seen = new Set<string>();
        for (const item of items) {
          const id = idOf(item);
          seen.add(id);
          store.set({ id, data: await parseData({ id, data: summarize(item) }), digest: digestOf(item, generateDigest) });
        }
        for (const key of store.keys()) if (!seen.has(key)) store.delete(key);
      };
      // In a build the integration has loaded the content already; only otherwise is the
      // loading code imported here.
      const load = async () => peekLoadedCatalog(contentDir) ?? (await import('./shared-catalog')).getLoadedCatalog(contentDir);
      await sync(await load());
      if (watcher) {
        watcher.add(contentDir);
        watcher.on('all', async (_event, path) => {
          if (relative(contentDir, path).startsWith('..')) return;
          invalidateLoadedCatalog(contentDir);
          logger.info(`content changed: ${terminalSafe(relative(contentDir, path))}`);
          await sync(await load());
        });
      }
    },
  };
}

/**
 * An entry's digest, which decides whether the store counts it as changed (and dev reloads).
 * Entries other than lookups are a function of their file's text alone, so that is hashed, not
 * the whole normalized entry (far larger, and hashed in every build); a lookup also
 * shows its CSV, and problems have no file text.
 */
function digestOf(item: unknown, generateDigest: (data: string | Record<string, unknown>) => string): string {
  const e = item as { kind?: string; raw?: unknown; filePath?: unknown };
  if (typeof e.raw === 'string' && e.kind !== 'lookup') return generateDigest(`${String(e.filePath)}\u0000${e.raw}`);
  return generateDigest(item as Record<string, unknown>);
}
