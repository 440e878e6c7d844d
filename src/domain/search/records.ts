import Fuse from 'fuse.js';
import type { Detection, Story } from '../../content/model.ts';
import type { DetectionRefs } from '../catalog/indexes.ts';
import { snippet } from '../../lib/text/rich.ts';
import { recencyKey } from '../../lib/text/dates.ts';
import { Dict } from '../../lib/dict.ts';
import { terms } from './words.ts';

/**
 * The static search index, built once at build time and fetched lazily by the explore page.
 *
 * Layout, chosen for size and keystroke speed:
 * - documents are stored by column, facet values as indices into dictionaries;
 * - every searchable word is a term; a Fuse index over the term list (precomputed here with
 *   Fuse.createIndex) gives typo tolerance by matching the query's words against terms;
 * - postings map terms to documents (name and description words) or to dictionary entries
 *   (story, data-source, technique and tactic words), so a word found in a story name reaches
 *   the story's detections without repeating them per word.
 */

/** Searchable fields. Descriptions are matched only as quoted phrases: their words would double the index. */
export const FIELDS = ['name', 'story', 'dataSource', 'technique', 'tactic', 'cve', 'author', 'type'] as const;
export type Field = (typeof FIELDS)[number];

export interface SearchData {
  v: 2;
  dict: {
    folders: string[];
    types: string[];
    statuses: string[];
    stories: string[];
    dataSources: string[];
    tactics: string[];
    products: string[];
    domains: string[];
    assetTypes: string[];
    authors: string[];
    /** Technique ids used by any detection. */
    techniques: string[];
    /** Their names (null when unknown to the bundled ATT&CK data), same order. */
    techniqueNames: (string | null)[];
  };
  /** Stories by dictionary index: slug and detection count, for the "stories" result group. */
  storyInfo: { slug: string; n: number }[];
  /**
   * Documents by column; every array has one entry per detection, in name order, so a
   * document's index is its rank by name (the browser never sorts names itself).
   */
  docs: {
    id: string[];
    name: string[];
    folder: number[];
    type: number[];
    status: number[];
    date: string[];
    techniques: number[][];
    stories: number[][];
    dataSources: number[][];
    tactics: number[][];
    products: number[][];
    domain: number[];
    asset: number[];
    author: number[];
    cves: string[][];
    snippet: string[];
  };
  /**
   * For each field, term id → delta-encoded ids (documents for name/description, dictionary
   * entries for the rest), as `[termId, d0, d1, …]` rows.
   */
  postings: Record<Field, number[][]>;
  /**
   * Fuse indexes over the sorted term list, one per first character (a contiguous range of term
   * ids starting at `start`): a typo search scans only terms that start like the word typed.
   */
  fuse: { start: number; index: { keys: unknown[]; records: { v: string; i: number; n: number }[] } }[];
}

export { terms, words } from './words.ts';

const deltas = (ids: number[]) => ids.map((v, i) => (i === 0 ? v : v - ids[i - 1]));

/** The documents' order (by name), shared by the index and its search-text chunk. */
export function searchOrder(detections: readonly Detection[], removed: readonly Detection[] = []): Detection[] {
  return [...detections, ...removed].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** The status of a detection that is only in the history. */
export const REMOVED = 'removed';

/**
 * `removed`: detections the content no longer has but the site keeps a page for (from the git
 * history); they are indexed with the status `removed`, which search leaves out unless asked.
 */
export function buildSearchData(
  detections: Detection[],
  refs: Map<string, DetectionRefs>,
  stories: Story[],
  removed: readonly Detection[] = [],
): SearchData {
  const d = {
    folders: new Dict(),
    types: new Dict(),
    statuses: new Dict(),
    stories: new Dict(),
    dataSources: new Dict(),
    tactics: new Dict(),
    products: new Dict(),
    domains: new Dict(),
    assetTypes: new Dict(),
    authors: new Dict(),
    techniques: new Dict(),
  };
  for (const s of stories) d.stories.id(s.name);
  for (const t of ['TTP', 'Anomaly', 'Hunting', 'Correlation']) d.types.id(t);
  for (const s of ['production', 'experimental', 'deprecated']) d.statuses.id(s);
  const techniqueName = new Map<string, string | null>();

  const docs: SearchData['docs'] = {
    id: [],
    name: [],
    folder: [],
    type: [],
    status: [],
    date: [],
    techniques: [],
    stories: [],
    dataSources: [],
    tactics: [],
    products: [],
    domain: [],
    asset: [],
    author: [],
    cves: [],
    snippet: [],
  };
  const gone = new Set(removed);
  const byName = searchOrder(detections, removed);
  for (const det of byName) {
    const f = refs.get(det.id);
    for (const t of f?.techniques ?? []) techniqueName.set(t.id, t.name);
    docs.id.push(det.id);
    docs.name.push(det.name);
    docs.folder.push(d.folders.id(det.folder));
    docs.type.push(d.types.id(det.type));
    docs.status.push(d.statuses.id(gone.has(det) ? REMOVED : det.status));
    // A future date is left out: it would sort first under "newest" for good.
    docs.date.push(recencyKey(det.date));
    docs.techniques.push(det.mitreIds.map((m) => d.techniques.id(m)));
    docs.stories.push(det.stories.map((s) => d.stories.id(s)));
    docs.dataSources.push(det.dataSources.map((s) => d.dataSources.id(s)));
    docs.tactics.push((f?.tactics ?? []).map((t) => d.tactics.id(t.name)));
    docs.products.push(det.products.map((p) => d.products.id(p)));
    docs.domain.push(det.securityDomain ? d.domains.id(det.securityDomain) : -1);
    docs.asset.push(det.assetType ? d.assetTypes.id(det.assetType) : -1);
    docs.author.push(d.authors.id(det.author ?? ''));
    docs.cves.push(det.cves);
    docs.snippet.push(snippet(det.description, 90));
  }
  const dict: SearchData['dict'] = {
    folders: d.folders.list,
    types: d.types.list,
    statuses: d.statuses.list,
    stories: d.stories.list,
    dataSources: d.dataSources.list,
    tactics: d.tactics.list,
    products: d.products.list,
    domains: d.domains.list,
    assetTypes: d.assetTypes.list,
    authors: d.authors.list,
    techniques: d.techniques.list,
    techniqueNames: d.techniques.list.map((t) => techniqueName.get(t) ?? null),
  };

  // Term → targets, per field.
  const raw = Object.fromEntries(FIELDS.map((f) => [f, new Map<string, Set<number>>()])) as Record<
    Field,
    Map<string, Set<number>>
  >;
  const add = (field: Field, text: string, target: number) => {
    for (const t of terms(text)) {
      let set = raw[field].get(t);
      if (!set) raw[field].set(t, (set = new Set()));
      set.add(target);
    }
  };
  docs.name.forEach((n, i) => add('name', n, i));
  docs.cves.forEach((cs, i) => cs.forEach((c) => add('cve', c, i)));
  dict.stories.forEach((s, i) => add('story', s, i));
  dict.dataSources.forEach((s, i) => add('dataSource', s, i));
  dict.techniques.forEach((t, i) => add('technique', `${t} ${dict.techniqueNames[i] ?? ''}`, i));
  dict.tactics.forEach((t, i) => add('tactic', t, i));
  dict.authors.forEach((a, i) => add('author', a, i));
  dict.types.forEach((t, i) => add('type', t, i));

  const all = new Set<string>();
  for (const f of FIELDS) for (const t of raw[f].keys()) all.add(t);
  const termList = [...all].sort();
  const termId = new Map(termList.map((t, i) => [t, i]));
  const postings = Object.fromEntries(
    FIELDS.map((f) => [
      f,
      [...raw[f].entries()]
        .map(([t, set]) => [termId.get(t)!, ...deltas([...set].sort((a, b) => a - b))])
        .sort((a, b) => a[0] - b[0]),
    ]),
  ) as Record<Field, number[][]>;
  const storyInfo = dict.stories.map((name) => ({
    slug: stories.find((s) => s.name === name)?.slug ?? '',
    n: 0,
  }));
  for (const list of docs.stories) for (const s of list) storyInfo[s].n++;
  const groups: SearchData['fuse'] = [];
  for (let start = 0; start < termList.length;) {
    let end = start;
    while (end < termList.length && termList[end][0] === termList[start][0]) end++;
    groups.push({
      start,
      index: Fuse.createIndex([], termList.slice(start, end)).toJSON() as SearchData['fuse'][number]['index'],
    });
    start = end;
  }
  return { v: 2, dict, storyInfo, docs, postings, fuse: groups };
}
