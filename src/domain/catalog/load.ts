import { loadContent, reloadOne, type LoadedContent, type LoadOptions } from '../../content/load.ts';
import { checkContent } from '../lint/index.ts';

/** The content of a folder as loaded and checked: every entry that passed, every problem found. */
export type LoadedCatalog = LoadedContent;

/** Loads `contentDir` (src/content/load.ts) and runs every check of src/domain/lint/ over it. */
export function loadCatalog(contentDir: string, options: Omit<LoadOptions, 'checks'> = {}): LoadedCatalog {
  return loadContent(contentDir, { ...options, checks: checkContent });
}

/** After a dev edit of one file: that file loaded and checked again, or null when a full load is needed. */
export function reloadCatalog(contentDir: string, previous: LoadedCatalog, file: string): LoadedCatalog | null {
  return reloadOne(contentDir, previous, file, { checks: checkContent });
}
