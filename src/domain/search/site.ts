import { researchSlug } from '../../content/segment.ts';
import { words } from './words.ts';
import { editDistance } from '../../lib/text/edit-distance.ts';

/**
 * The header's instant search: one small index of every kind of page (built by site-index.ts as
 * /site-index.json and /site-detections.json, fetched on the box's first focus) and the matcher
 * over it, shared by the browser and the tests. Browser code: it imports nothing heavy. Items are matched by their name words (exact, prefix, or one or two
 * edits for a typo) and by an exact key (a technique or tactic id, a sourcetype, a detection id).
 */

export const SITE_KINDS = [
  'detection',
  'story',
  'technique',
  'tactic',
  'data_source',
  'macro',
  'lookup',
  'playbook',
  'baseline',
  'investigation',
  'release',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SITE_KIND_LABEL: Record<SiteKind, [one: string, many: string]> = {
  detection: ['Detection', 'Detections'],
  story: ['Story', 'Stories'],
  technique: ['Technique', 'Techniques'],
  tactic: ['Tactic', 'Tactics'],
  data_source: ['Data source', 'Data sources'],
  macro: ['Macro', 'Macros'],
  lookup: ['Lookup', 'Lookups'],
  playbook: ['Playbook', 'Playbooks'],
  baseline: ['Baseline', 'Baselines'],
  investigation: ['Investigation', 'Investigations'],
  release: ['Release', 'Releases'],
};

/**
 * `[kind index, name, site path without the base, one line of context, exact key or ""]`; a
 * detection's key is its id, read from its path.
 */
export type SiteItem = [number, string, string, string, string];

export interface SiteIndex {
  v: 1;
  kinds: readonly SiteKind[];
  items: SiteItem[];
}

/**
 * `/site-index.json` as sent: columns per kind, with what the browser can derive left out (paths
 * made from names or ids, contexts made from counts, detection type and folder as codes).
 * Detection ids are apart (`SiteIds`, `/site-detections.json`): random, they compress to
 * nothing and would be more than half of the file, and they are needed only to open a detection.
 */
export interface SiteWire {
  v: 2;
  /** Names in the detections' order; type and folder as codes into `types` and `folders`. */
  detection: { names: string[]; type: number[]; folder: number[]; types: string[]; folders: string[] };
  story: { names: string[]; n: number[] };
  /** `names[i]` is "" when ATT&CK has no name for `ids[i]`. */
  technique: { ids: string[]; names: string[]; n: number[] };
  tactic: { ids: string[]; names: string[] };
  /** `st[i]`: the sourcetype, or "" and then `x[i]` is the context. */
  data_source: { names: string[]; ids: string[]; st: string[]; x: string[] };
  macro: { names: string[]; x: string[] };
  lookup: { names: string[]; x: string[] };
  playbook: { names: string[]; x: string[] };
  baseline: { names: string[]; ids: string[]; x: string[] };
  investigation: { names: string[]; ids: string[]; x: string[] };
  /** Tags and their dates (YYYY-MM-DD). */
  release: { names: string[]; dates: string[] };
  /**
   * Item index → its real `[path, context, key]` where the derived ones differ (a story slug
   * that is not the name's `researchSlug`, a page moved aside by a URL collision): the
   * builder checks every item, so a derivation rule can never send a visitor to a wrong page.
   */
  fix: Record<number, [path: string, context: string, key: string]>;
}

/** `/site-detections.json`: the detections' ids in `SiteWire.detection`'s order, a UUID's dashes left out. */
export interface SiteIds {
  v: 2;
  ids: string[];
}

const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/;

/** A lower-case UUID without its dashes (they cost a tenth of the file gzipped); anything else as it is. */
export const packId = (id: string): string => (UUID.test(id) && id.length === 36 ? id.replace(/-/g, '') : id);
export const unpackId = (s: string): string =>
  s.length === 32 && UUID.test(s) ? s.replace(UUID, '$1-$2-$3-$4-$5') : s;

const lc = (s: string) => s.toLowerCase();
const KIND = Object.fromEntries(SITE_KINDS.map((k, i) => [k, i])) as Record<SiteKind, number>;
const detections = (n: number) => `${n} ${n === 1 ? 'detection' : 'detections'}`;

/**
 * The items the matcher works on, from the sent file (and the ids, once they are here: until
 * then a detection's path and key are ""). Detections come first, in their order.
 */
export function decodeSiteIndex(w: SiteWire, ids?: SiteIds | null, opts: { detections?: boolean } = {}): SiteIndex {
  const items: SiteItem[] = [];
  const push = (kind: SiteKind, name: string, path: string, context: string, key = '') =>
    items.push([KIND[kind], name, path, context, key]);
  const d = w.detection;
  const idList = ids && ids.ids.length === d.names.length ? ids.ids : null;
  if (opts.detections !== false)
    d.names.forEach((name, i) => {
      const folder = d.folders[d.folder[i]];
      const id = idList ? unpackId(idList[i]) : '';
      push('detection', name, id ? `${folder}/${id}/` : '', `${d.types[d.type[i]]} · ${folder}`);
    });
  const s = w.story;
  s.names.forEach((name, i) => push('story', name, `stories/${researchSlug(name)}/`, detections(s.n[i])));
  const t = w.technique;
  t.ids.forEach((id, i) =>
    push('technique', t.names[i] || id, `techniques/${id.replace('.', '/')}/`, `${id} · ${detections(t.n[i])}`, lc(id)),
  );
  w.tactic.ids.forEach((id, i) => push('tactic', w.tactic.names[i], `tactics/${id}/`, `${id} · ATT&CK tactic`, lc(id)));
  const ds = w.data_source;
  ds.names.forEach((name, i) =>
    push(
      'data_source',
      name,
      `sources/${unpackId(ds.ids[i])}/`,
      ds.st[i] ? `sourcetype ${ds.st[i]}` : ds.x[i],
      lc(ds.st[i]),
    ),
  );
  for (const [kind, dir, slug] of [
    ['macro', 'macros', (n: string) => n],
    ['lookup', 'lookups', (n: string) => n],
    ['playbook', 'playbooks', researchSlug],
  ] as const) {
    const g = w[kind];
    g.names.forEach((name, i) => push(kind, name, `${dir}/${slug(name)}/`, g.x[i]));
  }
  for (const [kind, dir] of [
    ['baseline', 'baselines'],
    ['investigation', 'investigations'],
  ] as const) {
    const g = w[kind];
    g.names.forEach((name, i) => push(kind, name, `${dir}/${unpackId(g.ids[i])}/`, g.x[i]));
  }
  const r = w.release;
  r.names.forEach((tag, i) => push('release', tag, `releases/${tag}/`, `released ${r.dates[i]}`, lc(tag)));
  // Fixes are numbered over every item, detections included, whether or not they were decoded.
  const skipped = opts.detections === false ? d.names.length : 0;
  for (const [k, [path, context, key]] of Object.entries(w.fix)) {
    const it = items[Number(k) - skipped];
    if (it && Number(k) >= skipped) [it[2], it[3], it[4]] = [path, context, key];
  }
  return { v: 1, kinds: SITE_KINDS, items };
}

export interface SiteHit {
  item: number;
  kind: SiteKind;
  name: string;
  path: string;
  context: string;
  /** The query is this item's name or key. */
  exact: boolean;
}

export interface SiteResult {
  /** Groups in display order (the group of the best hit first), each best first. */
  groups: { kind: SiteKind; hits: SiteHit[] }[];
}

export class SiteSearch {
  index: SiteIndex;
  private readonly namesLc: string[];
  /** Sorted distinct name words, and word → items. */
  private readonly terms: string[];
  private readonly posting: number[][];
  private readonly byKey = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly score: Float64Array;
  private readonly matched: Uint8Array;

  /**
   * `exactOnly`: only whole names and keys are matched (no word index is made), for a caller
   * that asks only which page a query names, such as explore's "best match".
   */
  constructor(index: SiteIndex, opts: { exactOnly?: boolean } = {}) {
    this.index = index;
    const items = index.items;
    this.namesLc = items.map((it) => lc(it[1]));
    const post = new Map<string, Set<number>>();
    items.forEach((it, i) => {
      if (!opts.exactOnly)
        for (const w of words(it[1])) {
          const parts = [w, ...(/[._-]/.test(w) ? w.split(/[._-]/).filter((p) => p.length > 1) : [])];
          for (const p of parts) {
            let s = post.get(p);
            if (!s) post.set(p, (s = new Set()));
            s.add(i);
          }
        }
      const add = (m: Map<string, number[]>, key: string) => {
        if (!key) return;
        const list = m.get(key);
        if (list) list.push(i);
        else m.set(key, [i]);
      };
      add(this.byName, this.namesLc[i]);
    });
    this.keys();
    this.terms = [...post.keys()].sort();
    this.posting = this.terms.map((t) => [...post.get(t)!]);
    this.score = new Float64Array(items.length);
    this.matched = new Uint8Array(items.length);
  }

  /** A detection's key is its id, the last segment of its path (not repeated in the file). */
  private keys() {
    this.byKey.clear();
    const { items, kinds } = this.index;
    items.forEach((it, i) => {
      const key = kinds[it[0]] === 'detection' ? lc(it[2].split('/').at(-2) ?? '') : it[4];
      if (!key) return;
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
  }

  /**
   * The same pages with their paths complete (the detection ids have arrived): the word index
   * is kept, which at 10× is most of a second to make again.
   */
  withPaths(index: SiteIndex): boolean {
    const old = this.index.items;
    if (index.items.length !== old.length || index.items.some((it, i) => it[1] !== old[i][1])) return false;
    this.index = index;
    this.keys();
    return true;
  }

  private lowerBound(w: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Terms for one query word with a quality: exact 1, prefix 0.7 (typing), one or two edits below. */
  private termsFor(w: string, prefix: boolean): [number, number][] {
    const out: [number, number][] = [];
    const lo = this.lowerBound(w);
    if (this.terms[lo] === w) out.push([lo, 1]);
    if (prefix || !out.length)
      for (
        let t = this.terms[lo] === w ? lo + 1 : lo;
        t < this.terms.length && this.terms[t].startsWith(w) && out.length < 300;
        t++
      )
        out.push([t, prefix ? 0.7 : 0.5]);
    if (!out.length && w.length >= 4) {
      // Typos: terms that start with the same letter, within one edit (two for long words).
      const cap = w.length >= 8 ? 3 : 2;
      const from = this.lowerBound(w[0]);
      for (let t = from; t < this.terms.length && this.terms[t][0] === w[0]; t++) {
        const d = editDistance(w, this.terms[t], cap);
        if (d < cap) out.push([t, d === 1 ? 0.45 : 0.3]);
      }
    }
    return out;
  }

  /** At most `perKind` hits per kind. */
  search(query: string, perKind = 4): SiteResult {
    const q = lc(query.trim());
    if (!q) return { groups: [] };
    const items = this.index.items;
    const score = this.score;
    const matched = this.matched;
    const touched: number[] = [];
    const qw = words(q);
    const endsInWord = /[\p{L}\p{N}]$/u.test(query);
    qw.forEach((w, n) => {
      const last = n === qw.length - 1;
      const best = new Map<number, number>();
      for (const [t, quality] of this.termsFor(w, last && endsInWord))
        for (const i of this.posting[t]) if (quality > (best.get(i) ?? 0)) best.set(i, quality);
      for (const [i, quality] of best) {
        if (matched[i] !== n) continue;
        if (n === 0) touched.push(i);
        matched[i] = n + 1;
        score[i] += quality;
      }
    });
    const exact = new Set([...(this.byName.get(q) ?? []), ...(this.byKey.get(q) ?? [])]);
    const hits: { i: number; s: number }[] = [];
    for (const i of exact) hits.push({ i, s: 1000 });
    for (const i of touched) {
      if (matched[i] === qw.length && !exact.has(i)) {
        const name = this.namesLc[i];
        // Whole-query prefix and containment of the name, then fewer extra words.
        const bonus = name.startsWith(q) ? 20 : name.includes(q) ? 10 : 0;
        hits.push({ i, s: score[i] + bonus - name.length / 1000 });
      }
      score[i] = 0;
      matched[i] = 0;
    }
    // A key prefix (a detection id being pasted, `t1204.0`) when nothing else matched.
    if (!hits.length && q.length >= 4)
      for (const [key, list] of this.byKey) if (key.startsWith(q)) for (const i of list) hits.push({ i, s: 1 });
    hits.sort((a, b) => b.s - a.s || a.i - b.i);
    const groups = new Map<SiteKind, SiteHit[]>();
    for (const { i, s } of hits) {
      const kind = this.index.kinds[items[i][0]];
      let g = groups.get(kind);
      if (!g) groups.set(kind, (g = []));
      if (g.length < perKind)
        g.push({ item: i, kind, name: items[i][1], path: items[i][2], context: items[i][3], exact: s >= 1000 });
    }
    return { groups: [...groups].map(([kind, list]) => ({ kind, hits: list })) };
  }
}
