import { KINDS } from '../../content/kinds.ts';
import { problemKey, type Problem } from '../../content/problems.ts';
import type { LoadedCatalog } from './load.ts';
import { buildIndexes, type Collections, type Indexes } from './indexes.ts';
import type { ContentHistory } from '../../content/git-history.ts';
import { catalogHistory, type CatalogHistory, type HistoryHead, type PreparedHistory } from '../history/catalog.ts';

/**
 * What pages read: each kind's list sorted by name, the cross-reference indexes and the
 * problems in report order, computed once per load (src/build/session.ts keeps it).
 */
export interface Catalog extends Collections, Indexes {
  problems: Problem[];
  /** The content's git history, when CONTENT_DIR is in a git work tree with history to read. */
  history: CatalogHistory | null;
}

/**
 * `prepared`: what `prepareHistory` gives for `history`, when it was computed elsewhere; then
 * `history` may come without its entity tables (`withoutVersions`).
 */
export function makeCatalog(
  loaded: LoadedCatalog,
  history: ContentHistory | HistoryHead | null = null,
  prepared?: PreparedHistory | null,
): Catalog {
  const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  const collections = Object.fromEntries(
    KINDS.map((k) => [k.key, byName(loaded[k.key] as readonly { name: string }[])]),
  ) as unknown as Collections;
  const live = new Set(collections.detections.map((d) => d.id.toLowerCase()));
  const past = history && catalogHistory(history, live, prepared);
  return {
    ...collections,
    // Removed detections get references for their pages, and stay out of every index.
    ...buildIndexes(
      collections,
      past?.removed.map((r) => r.detection),
    ),
    problems: [...loaded.problems].sort((a, b) => problemKey(a).localeCompare(problemKey(b))),
    history: past,
  };
}
