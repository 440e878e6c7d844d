import { RUNNABLE } from '../domain/coverage/rule.ts';
import { coverage, loadMyData } from './my-data-load.ts';
import { storedProfile } from './my-data-store.ts';

/**
 * The explore page's "Runnable with my data": which of the search index's documents (by
 * index, from their detection ids) the stored profile makes runnable. Loaded on first use.
 */
export async function runnableDocs(ids: readonly string[]): Promise<{ docs: Set<number>; profile: boolean }> {
  const p = storedProfile();
  if (!p?.sources.length) return { docs: new Set(), profile: false };
  const cov = coverage(await loadMyData(), p.sources);
  const docs = new Set<number>();
  ids.forEach((id, i) => {
    const d = cov.detection(id);
    if (d >= 0 && cov.states[d] === RUNNABLE) docs.add(i);
  });
  return { docs, profile: true };
}
