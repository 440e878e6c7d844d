import { nextAged, writeAged, type AgedFile } from '../../lib/aged-cache.ts';

/**
 * Saving the disk cache of highlighted code, for both its keepers: highlight.ts (dev, or a
 * build whose worker failed) and highlight-worker.mjs (a build). Node loads this file in the
 * worker as it is, so it holds erasable types only and imports nothing of Shiki.
 */

/** Every cache file name starts so; the rest names the grammar and theme version. */
export const CACHE_PREFIX = 'spl-';

/**
 * Writes the entries used now with those recent builds used, and removes other versions'
 * files beside it (they can never be read again). False when it could not write: an
 * unwritable cache only costs speed.
 */
export function saveHighlightCache(file: string, stored: AgedFile<string>, used: ReadonlyMap<string, string>): boolean {
  try {
    writeAged(
      file,
      nextAged(stored, used),
      (f) => f.startsWith(CACHE_PREFIX) && (f.endsWith('.json') || f.endsWith('.bin')),
    );
    return true;
  } catch {
    return false;
  }
}
