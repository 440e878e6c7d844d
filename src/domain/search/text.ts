import type { Detection } from '../../content/model.ts';
import type { DetectionRefs } from '../catalog/indexes.ts';
import { searchOrder, terms } from './records.ts';

/**
 * The detections' search text (the SPL, the definitions of the macros it calls, macro names,
 * fields, data models, sourcetypes), as a second index fetched after the main one: kept apart
 * so the explore page's first index stays small. Documents are in the main index's order.
 */
export interface SearchText {
  v: 1;
  /** A hash of the document ids in order, to check the chunk belongs to the index it joins. */
  docs: string;
  /** Sorted terms. */
  terms: string[];
  /** Per term, delta-encoded document indices. */
  post: number[][];
}

/** Terms too common in SPL to tell detections apart; a query for them still matches names. */
const COMMON = new Set(
  'as by stats count eval where search table rename fields values min max time firsttime lasttime security_content_ctime security_content_summariesonly drop_dm_object_name tstats from datamodel summariesonly allow_old_summaries true false and or not in dest user'.split(
    ' ',
  ),
);

const MAX_TEXT = 50_000;

export function buildSearchText(
  detections: readonly Detection[],
  refs: Map<string, DetectionRefs>,
  removed: readonly Detection[] = [],
): SearchText {
  const docs = searchOrder(detections, removed);
  const post = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const r = refs.get(d.id);
    const text = [d.search];
    for (const m of r?.macros ?? []) {
      if (m.filter) continue;
      text.push(m.name);
      if (m.macro) text.push(m.macro.definition);
    }
    for (const ds of r?.dataSources ?? []) text.push(ds.source?.sourcetype ?? '', ds.source?.source ?? '');
    for (const dm of r?.dataModels ?? []) text.push(`${dm.model}${dm.dataset ? `.${dm.dataset}` : ''}`);
    for (const f of r?.requiredFields.fields ?? []) text.push(f);
    // Hostile content can be huge: a capped text per detection keeps the chunk and the build bounded.
    for (const t of terms(text.join('\n').slice(0, MAX_TEXT))) {
      // Numbers and one-letter parts only add weight; a detection's own filter macro is skipped above.
      if (t.length < 3 || COMMON.has(t) || /^\d+$/.test(t) || t.length > 80) continue;
      const list = post.get(t);
      if (!list) post.set(t, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  const sorted = [...post.keys()].sort();
  return {
    v: 1,
    docs: docsKey(docs.map((d) => d.id)),
    terms: sorted,
    post: sorted.map((t) => post.get(t)!.map((v, k, a) => (k === 0 ? v : v - a[k - 1]))),
  };
}

/** FNV-1a over the ids in order, with their count: the ids themselves would cost a third of the file. */
export function docsKey(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const id of ids)
    for (let k = 0; k <= id.length; k++) {
      h ^= k < id.length ? id.charCodeAt(k) : 10;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  return `${ids.length}:${h.toString(16)}`;
}
