import { PRODUCTION, type MyData } from './data.ts';
import { RUNNABLE, type Have } from './rule.ts';

export interface Recommendation {
  /** Index into `data.sources`. */
  source: number;
  /** Production detections not yet runnable that this source alone would make runnable. */
  gain: number;
  /** Technique ids those detections map to that no runnable detection covers yet, sorted. */
  techniques: string[];
}

/**
 * What to onboard next: each data source outside the profile, scored by the production
 * detections it alone would make runnable, best first, ties by name; sources that would make
 * none runnable are left out. One pass over the entries: an entry missing exactly one part is
 * made whole by that part, so the cost grows with the content, not with sources × detections.
 */
export function rankOnboarding(data: MyData, have: Have, states: Uint8Array): Recommendation[] {
  const covered = new Set<number>();
  data.detections.techniques.forEach((ts, d) => {
    if (states[d] === RUNNABLE) for (const t of ts) covered.add(t);
  });
  const gain = new Int32Array(data.sources.id.length);
  const techniques = new Map<number, Set<number>>();
  const { entries, status } = data.detections;
  for (let d = 0; d < entries.length; d++) {
    if (status[d] !== PRODUCTION || states[d] === RUNNABLE) continue;
    const makers = new Set<number>();
    for (const entry of entries[d]) {
      let missing = -1;
      let count = 0;
      for (const i of entry) {
        if (i < 0) {
          count = 2;
          break;
        }
        if (have[i] !== 1 && i !== missing) {
          missing = i;
          count++;
        }
      }
      if (count === 1) makers.add(missing);
    }
    for (const s of makers) {
      gain[s]++;
      const ts = data.detections.techniques[d];
      let set = techniques.get(s);
      for (const t of ts) {
        if (covered.has(t)) continue;
        if (!set) techniques.set(s, (set = new Set()));
        set.add(t);
      }
    }
  }
  const names = data.sources.name;
  const out: Recommendation[] = [];
  gain.forEach((g, s) => {
    if (g > 0)
      out.push({
        source: s,
        gain: g,
        techniques: [...(techniques.get(s) ?? [])].map((t) => data.techniques[t]).sort(),
      });
  });
  return out.sort((a, b) => b.gain - a.gain || names[a.source].localeCompare(names[b.source]));
}

/**
 * What a set of detections (a story's) is waiting for: the entries of its detections that are
 * not satisfied, each with the number of those detections it would make runnable, best first.
 */
export function neededEntries(
  data: MyData,
  have: Have,
  states: Uint8Array,
  detections: readonly number[],
): { parts: number[]; gain: number }[] {
  const byKey = new Map<string, { parts: number[]; gain: number }>();
  for (const d of detections) {
    if (states[d] === RUNNABLE) continue;
    const seen = new Set<string>();
    for (const entry of data.detections.entries[d]) {
      if (entry.some((i) => i < 0)) continue;
      const parts = entry.filter((i) => have[i] !== 1);
      const key = parts.join(',');
      if (!parts.length || seen.has(key)) continue;
      seen.add(key);
      const v = byKey.get(key) ?? { parts, gain: 0 };
      v.gain++;
      byKey.set(key, v);
    }
  }
  const name = (e: { parts: number[] }) => e.parts.map((i) => data.sources.name[i]).join(' AND ');
  return [...byKey.values()].sort(
    (a, b) => b.gain - a.gain || a.parts.length - b.parts.length || name(a).localeCompare(name(b)),
  );
}
