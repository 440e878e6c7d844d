import type { DataSource, Detection, Story } from '../../content/model.ts';
import { Dict } from '../../lib/dict.ts';

/**
 * The "My data" file (`/my-data/data.json`): what the browser needs to decide which detections
 * a visitor's data sources make runnable, built once per build and fetched on demand. Lists are
 * stored by column with indices into shared dictionaries, and detections carry a short hash of
 * their id rather than the whole UUID: ids would be most of the file and barely compress (and
 * prefixes will not do: the corpus has ids copied from one another with a character changed).
 */
export interface MyData {
  v: 1;
  /** ATT&CK version, for the Navigator layer. */
  attack: string;
  /** 32-bit words in each `detections.id` key (`idKey`): enough for every key to be unique. */
  idWords: number;
  statuses: string[];
  /** Vendor or product of each data source (from its first supported add-on). */
  groups: string[];
  /** Add-on names. */
  tas: string[];
  techniques: string[];
  /** Story slugs. */
  stories: string[];
  sources: {
    id: string[];
    name: string[];
    group: number[];
    sourcetype: string[];
    source: string[];
    tas: number[][];
    /** Detections naming the source in any entry. */
    n: number[];
  };
  detections: {
    id: string[];
    status: number[];
    /** Entries as source indices; -1 is a name no data source has (never satisfied). */
    entries: number[][][];
    techniques: number[][];
    stories: number[][];
  };
}

/** Status code of production in `statuses` (first, so the browser can rely on it). */
export const PRODUCTION = 0;

const TA_PREFIX = /^(?:splunk\s+add[- ]on\s+for|splunk\s+app\s+for|app\s+for)\s+/i;

/** A data source's vendor or product: its first add-on's name without "Splunk Add-on for". */
export function sourceGroup(ds: Pick<DataSource, 'supportedTa'>): string {
  const ta = ds.supportedTa[0]?.name.trim();
  if (!ta) return 'Other';
  return ta.replace(TA_PREFIX, '').trim() || ta;
}

/** A detection id's key in the file: `words` FNV-1a hashes of the lower-cased id, in base 36. */
export function idKey(id: string, words: number): string {
  const s = id.toLowerCase();
  let out = '';
  for (let w = 0; w < words; w++) {
    let h = (0x811c9dc5 ^ Math.imul(w, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(36).padStart(7, '0');
  }
  return out;
}

/** The fewest hash words that give distinct ids distinct keys. */
export function keyWords(ids: readonly string[]): number {
  const distinct = new Set(ids.map((id) => id.toLowerCase()));
  for (let w = 1; w < 8; w++) if (new Set([...distinct].map((id) => idKey(id, w))).size === distinct.size) return w;
  return 8;
}

export function buildMyData(
  detections: readonly Detection[],
  dataSources: readonly DataSource[],
  stories: readonly Story[],
  attackVersion: string,
): MyData {
  const statuses = new Dict();
  statuses.id('production');
  const groups = new Dict();
  const tas = new Dict();
  const techniques = new Dict();
  const storyDict = new Dict();
  for (const s of stories) storyDict.id(s.slug);
  const storySlug = new Map(stories.map((s) => [s.name, s.slug]));
  const sourceIndex = new Map(dataSources.map((ds, i) => [ds.name, i]));
  const n = dataSources.map(() => 0);
  const idWords = keyWords(detections.map((d) => d.id));
  const out: MyData['detections'] = { id: [], status: [], entries: [], techniques: [], stories: [] };
  for (const d of detections) {
    out.id.push(idKey(d.id, idWords));
    out.status.push(statuses.id(d.status));
    const entries = d.dataSourceEntries.map((e) => e.map((name) => sourceIndex.get(name) ?? -1));
    out.entries.push(entries);
    for (const i of new Set(entries.flat())) if (i >= 0) n[i]++;
    out.techniques.push(d.mitreIds.filter((t) => /^T\d{4}(\.\d{3})?$/.test(t)).map((t) => techniques.id(t)));
    out.stories.push(
      d.stories.flatMap((name) => {
        const slug = storySlug.get(name);
        return slug === undefined ? [] : [storyDict.id(slug)];
      }),
    );
  }
  // Computed before the object below reads the dictionaries' lists.
  const sources: MyData['sources'] = {
    id: dataSources.map((ds) => ds.id),
    name: dataSources.map((ds) => ds.name),
    group: dataSources.map((ds) => groups.id(sourceGroup(ds))),
    sourcetype: dataSources.map((ds) => ds.sourcetype ?? ''),
    source: dataSources.map((ds) => ds.source ?? ''),
    tas: dataSources.map((ds) => [...new Set(ds.supportedTa.map((t) => tas.id(t.name.trim())))]),
    n,
  };
  return {
    v: 1,
    attack: attackVersion,
    idWords,
    statuses: statuses.list,
    groups: groups.list,
    tas: tas.list,
    techniques: techniques.list,
    stories: storyDict.list,
    sources,
    detections: out,
  };
}
