import { KINDS } from '../../content/kinds.ts';
import { problemKey, type Problem } from '../../content/problems.ts';
import type { LoadedCatalog } from './load.ts';
import { buildIndexes, type Collections, type Indexes } from './indexes.ts';

/**
 * What pages read: each kind's list sorted by name, the cross-reference indexes and the
 * problems in report order, computed once per load (src/build/session.ts keeps it).
 */
export interface Catalog extends Collections, Indexes {
  problems: Problem[];
}

export function makeCatalog(loaded: LoadedCatalog): Catalog {
  const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  const collections = Object.fromEntries(
    KINDS.map((k) => [k.key, byName(loaded[k.key] as readonly { name: string }[])]),
  ) as unknown as Collections;
  return {
    ...collections,
    ...buildIndexes(collections),
    problems: [...loaded.problems].sort((a, b) => problemKey(a).localeCompare(problemKey(b))),
  };
}
