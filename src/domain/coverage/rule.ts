import { PRODUCTION, type MyData } from './data.ts';

/**
 * The rule: a detection is runnable when every part of at least one of its `data_source`
 * entries is in the profile (`A AND B` needs both). A detection that names no data source is
 * unknown, never runnable and never counted as blind.
 */

export const NOT_RUNNABLE = 0;
export const RUNNABLE = 1;
export const UNKNOWN = 2;

/** A profile as a mask over `data.sources` (1 = the visitor has it). */
export type Have = Uint8Array;

export function haveMask(data: MyData, sourceIndices: Iterable<number>): Have {
  const have = new Uint8Array(data.sources.id.length);
  for (const i of sourceIndices) if (i >= 0 && i < have.length) have[i] = 1;
  return have;
}

export function entrySatisfied(entry: readonly number[], have: Have): boolean {
  for (const i of entry) if (i < 0 || have[i] !== 1) return false;
  return entry.length > 0;
}

/** The first satisfied entry of a detection's entries, or null. */
export function satisfiedEntry(entries: readonly (readonly number[])[], have: Have): readonly number[] | null {
  for (const e of entries) if (entrySatisfied(e, have)) return e;
  return null;
}

/** RUNNABLE, NOT_RUNNABLE or UNKNOWN per detection, in `data.detections` order. */
export function runnableStates(data: MyData, have: Have): Uint8Array {
  const all = data.detections.entries;
  const out = new Uint8Array(all.length);
  for (let d = 0; d < all.length; d++) {
    const entries = all[d];
    out[d] = entries.length === 0 ? UNKNOWN : satisfiedEntry(entries, have) ? RUNNABLE : NOT_RUNNABLE;
  }
  return out;
}

export interface CoverageCounts {
  runnable: number;
  notRunnable: number;
  unknown: number;
  /** The same three among production detections. */
  production: { runnable: number; notRunnable: number; unknown: number };
}

export function coverageCounts(data: MyData, states: Uint8Array): CoverageCounts {
  const c: CoverageCounts = {
    runnable: 0,
    notRunnable: 0,
    unknown: 0,
    production: { runnable: 0, notRunnable: 0, unknown: 0 },
  };
  const key = ['notRunnable', 'runnable', 'unknown'] as const;
  states.forEach((s, d) => {
    c[key[s]]++;
    if (data.detections.status[d] === PRODUCTION) c.production[key[s]]++;
  });
  return c;
}

/**
 * Per technique id, [runnable, in the catalog] detection counts, parents rolled up over their
 * sub-techniques (the matrix's and the technique pages' roll-up).
 */
export function techniqueCoverage(
  data: MyData,
  states: Uint8Array,
  only?: (d: number) => boolean,
): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const add = (id: string, runnable: boolean) => {
    const v = out.get(id) ?? [0, 0];
    v[1]++;
    if (runnable) v[0]++;
    out.set(id, v);
  };
  data.detections.techniques.forEach((ts, d) => {
    if (only && !only(d)) return;
    const seen = new Set<string>();
    for (const t of ts) {
      const id = data.techniques[t];
      seen.add(id);
      if (id.includes('.')) seen.add(id.split('.')[0]);
    }
    for (const id of seen) add(id, states[d] === RUNNABLE);
  });
  return out;
}
