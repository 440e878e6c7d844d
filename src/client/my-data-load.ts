import { idKey, type MyData } from '../domain/coverage/data.ts';
import { haveMask, runnableStates, type Have } from '../domain/coverage/rule.ts';
import { BASE } from '../domain/urls/index.ts';

/**
 * Loads /my-data/data.json once per page and computes, for a profile, which detections are
 * runnable. Shared by the My data page and the hooks on other pages.
 */

let loading: Promise<MyData> | null = null;

export function loadMyData(): Promise<MyData> {
  loading ??= fetch(`${BASE}my-data/data.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<MyData>;
    })
    .then((d) => {
      if (d?.v !== 1 || !Array.isArray(d.sources?.id) || !Array.isArray(d.detections?.id))
        throw new Error('not a My data file');
      return d;
    });
  return loading;
}

export interface Coverage {
  data: MyData;
  have: Have;
  states: Uint8Array;
  /** Profile ids that are known data sources, as indices. */
  sources: number[];
  /** Detection index for a full detection id, or -1. */
  detection: (id: string) => number;
}

export function coverage(data: MyData, ids: readonly string[]): Coverage {
  const index = new Map(data.sources.id.map((id, i) => [id, i]));
  const sources = ids.map((id) => index.get(id) ?? -1).filter((i) => i >= 0);
  const have = haveMask(data, sources);
  const byKey = new Map(data.detections.id.map((k, i) => [k, i]));
  return {
    data,
    have,
    states: runnableStates(data, have),
    sources,
    detection: (id) => byKey.get(idKey(id, data.idWords)) ?? -1,
  };
}
