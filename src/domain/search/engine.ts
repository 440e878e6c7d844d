import Fuse from 'fuse.js';
import { FIELDS, REMOVED, words, type Field, type SearchData } from './records.ts';
import { CVE_RE, matchesTechnique, parseQuery, TECHNIQUE_RE, type ParsedQuery } from './query.ts';

/**
 * Statuses search leaves out unless the status facet (or a `status:` prefix) asks for them: a
 * deprecated detection is not one to deploy, a removed one is only in the history.
 */
export const HIDDEN_STATUSES: readonly string[] = ['deprecated', REMOVED];
import { href, paths } from '../urls/index.ts';
import { docsKey, type SearchText } from './text.ts';
import { editDistance } from '../../lib/text/edit-distance.ts';

/**
 * The search itself, shared by the explore page (browser) and the tests (Node).
 * Exact understanding first (technique ids, CVEs, `field:` prefixes, quoted phrases, exact story
 * names), then word matching: each query word matches terms exactly, by prefix (the word being
 * typed) or fuzzily through Fuse (typos); terms lead to documents through the postings, weighted
 * by field so names dominate. Facet filters come last, with live counts.
 */

export const FACETS = [
  'type',
  'status',
  'tactic',
  'technique',
  'story',
  'ds',
  'product',
  'domain',
  'asset',
  'folder',
] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string[]>> & {
  since?: string;
  /** Only these documents (by index), e.g. those runnable with the visitor's data. */
  within?: ReadonlySet<number>;
};
export type Sort = 'relevance' | 'newest' | 'name';

/** Field weights: a word in the name counts most, then ids and stories, then the rest. */
export const WEIGHTS: Record<Field, number> = {
  name: 10,
  technique: 5,
  cve: 5,
  story: 4,
  dataSource: 3,
  tactic: 2,
  type: 2,
  author: 1,
};

/** A plain word found only in a detection's search text (SPL, macros, fields) counts least. */
export const TEXT_WEIGHT = 0.5;

export interface SearchResult {
  /** Document indices in rank order. */
  hits: number[];
  /** Stories (dictionary indices) the query names, for the "stories" group. */
  stories: number[];
  /** Facet → value → count over the hits, each facet ignoring its own selection. */
  facets: Record<Facet, Map<string, number>>;
  parsed: ParsedQuery;
  /**
   * Technique ids in the query that match nothing: `malformed` when no ATT&CK id looks like that
   * (`T1204x`), otherwise no detection is mapped to it. Any of them empties the result.
   */
  unknown: { id: string; malformed: boolean }[];
  /** The query has `spl:` and the search-text chunk is not attached yet: load it and search again. */
  needsText: boolean;
}

/** A display record of one document, assembled from the columns. */
export interface Doc {
  id: string;
  name: string;
  folder: string;
  type: string;
  status: string;
  date: string;
  techniques: string[];
  stories: string[];
  dataSources: string[];
  tactics: string[];
  cves: string[];
  snippet: string;
  /** Site path without the base. */
  path: string;
}

const lc = (s: string) => s.toLowerCase();

export class SearchEngine {
  readonly data: SearchData;
  readonly size: number;
  /** Documents but those with a hidden status, which search leaves out unless the status facet asks. */
  readonly live: number;
  /** Status → number of documents, for the total a status selection brings back. */
  private readonly statusCount = new Map<string, number>();
  /** Sorted terms, read back from the Fuse index records. */
  private readonly terms: string[];
  /**
   * First character → Fuse over that contiguous slice of terms, and where the slice starts; each
   * Fuse is made on its first typo (most searches need none, and page load should not pay for it).
   */
  private readonly fuse: Map<string, { start: number; slice: string[]; index: unknown; fuse: Fuse<string> | null }>;
  /**
   * Facet → document → its values as small integers (the index's own dictionary codes, so
   * loading costs no string work), prepared once so a keystroke allocates nothing for facets;
   * with each facet's code → value.
   */
  private readonly facetCodes: Record<Facet, number[][]>;
  private readonly facetDict: Record<Facet, { values: string[]; code: Map<string, number> }>;
  private readonly namesLc: string[];
  /** Lower-cased text that quoted phrases are matched against, built on first use. */
  private readonly haystacks: string[] = [];
  /** Scratch for scoreWord, kept at zero between words. */
  private readonly wordScore: Float64Array;
  /** Field → term id → targets (decoded lazily). */
  private readonly post: Record<Field, Map<number, number[]>>;
  /** Field → term id → its postings row as sent, the term id first. */
  private readonly encoded: Record<Field, Map<number, number[]>>;
  private readonly storyByLc: Map<string, number>;
  /** The search-text chunk, once attached, with its postings decoded on first use. */
  private text: SearchText | null = null;
  private readonly textPost = new Map<number, number[]>();
  /** Per `spl:` prefix of the current search, the documents it allows. */
  private splAllow: Set<number>[] = [];
  /** Dictionary entry → documents, for story, data-source, technique and tactic words. */
  private readonly viaDict: Partial<Record<Field, number[][]>>;

  constructor(data: SearchData) {
    this.data = data;
    const docs = data.docs;
    this.size = docs.id.length;
    for (const c of docs.status) {
      const st = data.dict.statuses[c];
      this.statusCount.set(st, (this.statusCount.get(st) ?? 0) + 1);
    }
    this.live = this.size - HIDDEN_STATUSES.reduce((n, st) => n + (this.statusCount.get(st) ?? 0), 0);
    this.terms = [];
    this.fuse = new Map();
    for (const g of data.fuse) {
      const slice: string[] = [];
      for (const r of g.index.records) slice[r.i] = this.terms[g.start + r.i] = r.v;
      this.fuse.set(slice[0][0], { start: g.start, slice, index: g.index, fuse: null });
    }
    // Rows as sent (`[termId, d0, d1, …]`): copying each without its first entry was a third
    // of the construction, paid on page load for postings most searches never read.
    this.encoded = Object.fromEntries(
      FIELDS.map((f) => {
        const m = new Map<number, number[]>();
        for (const row of data.postings[f]) m.set(row[0], row);
        return [f, m];
      }),
    ) as Record<Field, Map<number, number[]>>;
    this.post = Object.fromEntries(FIELDS.map((f) => [f, new Map()])) as Record<Field, Map<number, number[]>>;
    this.storyByLc = new Map(data.dict.stories.map((s, i) => [lc(s), i]));
    const invert = (col: number[][], n: number) => {
      const out: number[][] = Array.from({ length: n }, () => []);
      col.forEach((list, doc) => list.forEach((k) => out[k].push(doc)));
      return out;
    };
    this.viaDict = {
      story: invert(docs.stories, data.dict.stories.length),
      dataSource: invert(docs.dataSources, data.dict.dataSources.length),
      technique: invert(docs.techniques, data.dict.techniques.length),
      tactic: invert(docs.tactics, data.dict.tactics.length),
      author: invert(
        docs.author.map((a) => [a]),
        data.dict.authors.length,
      ),
      type: invert(
        docs.type.map((t) => [t]),
        data.dict.types.length,
      ),
    };
    this.namesLc = docs.name.map(lc);
    this.wordScore = new Float64Array(this.size);
    const d = data.dict;
    const one = (col: number[]) => col.map((c) => (c >= 0 ? [c] : []));
    // A document lists a value once, even when its content repeats it.
    const many = (col: number[][]) => col.map((cs) => (cs.length > 1 ? [...new Set(cs)] : cs));
    const source: Record<Facet, [number[][], string[]]> = {
      type: [one(docs.type), d.types],
      status: [one(docs.status), d.statuses],
      tactic: [many(docs.tactics), d.tactics],
      technique: [many(docs.techniques), d.techniques],
      story: [many(docs.stories), d.stories],
      ds: [many(docs.dataSources), d.dataSources],
      product: [many(docs.products), d.products],
      domain: [one(docs.domain), d.domains],
      asset: [one(docs.asset), d.assetTypes],
      folder: [one(docs.folder), d.folders],
    };
    this.facetDict = {} as Record<Facet, { values: string[]; code: Map<string, number> }>;
    this.facetCodes = {} as Record<Facet, number[][]>;
    for (const f of FACETS) {
      const [codes, values] = source[f];
      this.facetCodes[f] = codes;
      this.facetDict[f] = { values, code: new Map(values.map((v, c) => [v, c])) };
    }
  }

  /** Joins the search-text chunk; false (and ignored) when it was built for other documents. */
  attachText(text: SearchText): boolean {
    if (text.v !== 1 || text.docs !== docsKey(this.data.docs.id)) return false;
    this.text = text;
    this.textPost.clear();
    return true;
  }

  get hasText(): boolean {
    return this.text !== null;
  }

  private textDocs(term: number): number[] {
    let list = this.textPost.get(term);
    if (!list) {
      let acc = 0;
      list = this.text!.post[term].map((d, k) => (acc = k === 0 ? d : acc + d));
      this.textPost.set(term, list);
    }
    return list;
  }

  /** Search-text terms equal to `word`, or starting with it. */
  private textTerms(word: string, prefix: boolean): number[] {
    const terms = this.text!.terms;
    const lo = lowerBound(terms, word);
    if (!prefix) return terms[lo] === word ? [lo] : [];
    const out: number[] = [];
    for (let k = lo; k < terms.length && terms[k].startsWith(word) && out.length < 2000; k++) out.push(k);
    return out;
  }

  /**
   * The documents an `spl:` value allows: every word of it must be a term of the search text,
   * exactly when quoted, by prefix when not (the word may still be being typed).
   */
  private splDocs(value: string, exact: boolean): Set<number> {
    const perWord = words(value).map((w) => {
      const docs = new Set<number>();
      for (const t of this.textTerms(w, !exact)) for (const d of this.textDocs(t)) docs.add(d);
      return docs;
    });
    if (!perWord.length) return new Set();
    return perWord.reduce((acc, docs) => new Set([...acc].filter((d) => docs.has(d))));
  }

  /** How many documents a search over everything shows with these statuses selected. */
  total(statuses: readonly string[] = []): number {
    if (statuses.length) return statuses.reduce((n, st) => n + (this.statusCount.get(st) ?? 0), 0);
    return this.live;
  }

  /** Technique ids of the query that match nothing (see SearchResult.unknown). */
  unknownTechniques(q: ParsedQuery): { id: string; malformed: boolean }[] {
    const known = this.data.dict.techniques;
    const out = q.badTechniques.map((id) => ({ id, malformed: true }));
    const asked = [
      ...q.techniques,
      ...q.prefixes.filter((p) => p.key === 'technique' && /^t\d{4}/i.test(p.value)).map((p) => p.value.toUpperCase()),
    ];
    for (const id of asked) {
      if (!TECHNIQUE_RE.test(id)) out.push({ id, malformed: true });
      else if (!matchesTechnique(known, id)) out.push({ id, malformed: false });
    }
    return out;
  }

  doc(i: number): Doc {
    const { docs, dict } = this.data;
    return {
      id: docs.id[i],
      name: docs.name[i],
      folder: dict.folders[docs.folder[i]],
      type: dict.types[docs.type[i]],
      status: dict.statuses[docs.status[i]],
      date: docs.date[i],
      techniques: docs.techniques[i].map((k) => dict.techniques[k]),
      stories: docs.stories[i].map((k) => dict.stories[k]),
      dataSources: docs.dataSources[i].map((k) => dict.dataSources[k]),
      tactics: docs.tactics[i].map((k) => dict.tactics[k]),
      cves: docs.cves[i],
      snippet: docs.snippet[i],
      path: paths.detection({ folder: dict.folders[docs.folder[i]], id: docs.id[i] }),
    };
  }

  /** A result's link, through the same helpers as every page (each segment encoded). */
  resultHref(i: number, base: string): string {
    return href(this.doc(i).path, base);
  }

  /** A story's link in the stories banner. */
  storyHref(story: number, base: string): string {
    return href(paths.story({ slug: this.data.storyInfo[story].slug }), base);
  }

  /** Values of a facet for one document (a document may have several). */
  values(i: number, facet: Facet): string[] {
    const values = this.facetDict[facet].values;
    return this.facetCodes[facet][i].map((c) => values[c]);
  }

  private postings(field: Field, term: number): number[] {
    let list = this.post[field].get(term);
    if (!list) {
      const row = this.encoded[field].get(term);
      list = [];
      let acc = 0;
      if (row) for (let k = 1; k < row.length; k++) list.push((acc = k === 1 ? row[1] : acc + row[k]));
      this.post[field].set(term, list);
    }
    return list;
  }

  /** Index of the first term ≥ word. */
  private lowerBound(word: string): number {
    return lowerBound(this.terms, word);
  }

  private isTerm(word: string): boolean {
    return this.terms[this.lowerBound(word)] === word;
  }

  /**
   * A word that is no term but two terms run together ("rareexecutables": a space was dropped)
   * is searched as those two words; the split with the longer first part wins.
   */
  private splitJoined(word: string): string[] {
    // A word that starts some term is taken as typed so far, not as two words.
    if (word.length < 5 || this.terms[this.lowerBound(word)]?.startsWith(word)) return [word];
    for (let k = word.length - 2; k >= 2; k--) {
      const a = word.slice(0, k);
      const b = word.slice(k);
      if (this.isTerm(a) && this.isTerm(b)) return [a, b];
    }
    return [word];
  }

  /**
   * Terms matching one query word, with a quality in (0, 1]: exact 1, prefix 0.8 (the word being
   * typed) or 0.6 (an earlier word with no exact match, e.g. a dropped last letter), fuzzy below.
   */
  private matchTerms(word: string, allowPrefix: boolean): Map<number, number> {
    const terms = this.terms;
    const out = new Map<number, number>();
    const lo = this.lowerBound(word);
    if (terms[lo] === word) out.set(lo, 1);
    if (allowPrefix || (out.size === 0 && word.length >= 3)) {
      const q = allowPrefix ? 0.8 : 0.6;
      for (let k = lo; k < terms.length && terms[k].startsWith(word) && out.size < 400; k++)
        if (!out.has(k)) out.set(k, q);
    }
    // Typo tolerance only for words that match no term as they are, searched among the terms that
    // share the word's first character: Fuse is the slow part (a wrong first letter is not fixed).
    const group = this.fuse.get(word[0]);
    if (word.length >= 3 && out.size === 0 && group) {
      group.fuse ??= new Fuse(
        group.slice,
        { threshold: 0.34, ignoreLocation: true, includeScore: true, minMatchCharLength: 3 },
        Fuse.parseIndex<string>(group.index as Parameters<typeof Fuse.parseIndex>[0]),
      );
      for (const r of group.fuse.search(word, { limit: 30 })) {
        const id = group.start + r.refIndex;
        const q = 0.7 * (1 - (r.score ?? 1));
        if (q > (out.get(id) ?? 0)) out.set(id, q);
      }
    }
    return out;
  }

  /**
   * Scores one query word into `wordScore` (best field × match quality per document) and lists
   * the documents it touched. Typed arrays, not maps: a short prefix such as "t1" reaches
   * nearly every document, on every keystroke.
   */
  private scoreWord(word: string, allowPrefix: boolean, touched: number[]): void {
    const scores = this.wordScore;
    const bump = (doc: number, s: number) => {
      if (s > scores[doc]) {
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = s;
      }
    };
    for (const [term, quality] of this.matchTerms(word, allowPrefix)) {
      for (const field of FIELDS) {
        const targets = this.postings(field, term);
        if (!targets.length) continue;
        const w = WEIGHTS[field] * quality;
        const via = this.viaDict[field];
        if (via) for (const t of targets) for (const doc of via[t]) bump(doc, w);
        else for (const doc of targets) bump(doc, w);
      }
    }
    if (this.text)
      for (const t of this.textTerms(word, false)) for (const doc of this.textDocs(t)) bump(doc, TEXT_WEIGHT);
  }

  private passesExact(i: number, q: ParsedQuery): boolean {
    const { docs, dict } = this.data;
    const techIds = docs.techniques[i].map((k) => dict.techniques[k]);
    if (!q.techniques.every((t) => matchesTechnique(techIds, t))) return false;
    if (!q.cves.every((c) => docs.cves[i].includes(c))) return false;
    if (q.phrases.length) {
      const hay = (this.haystacks[i] ??= lc(
        [
          docs.name[i],
          docs.snippet[i],
          ...this.values(i, 'story'),
          ...this.values(i, 'ds'),
          ...docs.techniques[i].map((k) => dict.techniqueNames[k] ?? ''),
        ].join('\n'),
      ));
      if (!q.phrases.every((p) => hay.includes(p))) return false;
    }
    let splK = 0;
    for (const { key, value, exact } of q.prefixes) {
      const v = lc(value);
      // A quoted value names one value: "Sysmon EventID 1" must not also match EventID 11.
      const has = exact
        ? (xs: string[]) => xs.some((x) => lc(x) === v)
        : (xs: string[]) => xs.some((x) => lc(x).includes(v));
      let ok = true;
      switch (key) {
        case 'story':
          ok = has(this.values(i, 'story'));
          break;
        case 'tactic':
          ok = has(this.values(i, 'tactic'));
          break;
        case 'technique':
          ok = /^t\d{4}/i.test(value)
            ? matchesTechnique(techIds, value)
            : has(docs.techniques[i].map((k) => dict.techniqueNames[k] ?? ''));
          break;
        case 'ds':
          ok = has(this.values(i, 'ds'));
          break;
        case 'type':
          ok = lc(this.values(i, 'type')[0]) === v;
          break;
        case 'status':
          ok = lc(this.values(i, 'status')[0]) === v;
          break;
        case 'cve':
          ok = docs.cves[i].some((c) => lc(c) === v);
          break;
        case 'folder':
          ok = lc(this.values(i, 'folder')[0]) === v;
          break;
        case 'id':
          ok = exact ? docs.id[i] === v : docs.id[i].startsWith(v);
          break;
        case 'spl':
          ok = this.splAllow[splK++]?.has(i) ?? false;
          break;
      }
      if (!ok) return false;
    }
    return true;
  }

  /** Documents matching the query alone, with a rank key (lower is better). */
  private match(q: ParsedQuery, raw: string): Map<number, number> {
    const ranked = new Map<number, number>();
    const { docs, dict } = this.data;
    const text = q.text;
    if (!text) {
      for (let i = 0; i < this.size; i++) {
        if (!this.passesExact(i, q)) continue;
        // Direct technique matches before matches through a sub-technique.
        const ids = docs.techniques[i].map((k) => dict.techniques[k]);
        ranked.set(i, q.techniques.every((t) => ids.includes(t)) ? 0 : 0.01);
      }
      return ranked;
    }
    const storyIdx = this.storyByLc.get(lc(text)) ?? this.storyByLc.get(lc(q.raw));
    if (storyIdx !== undefined) {
      for (const i of this.viaDict.story![storyIdx]) if (this.passesExact(i, q)) ranked.set(i, -1e6);
    }
    if (/^[0-9a-f]{8}-[0-9a-f-]*$/i.test(text)) {
      for (let i = 0; i < this.size; i++)
        if (docs.id[i].startsWith(lc(text)) && this.passesExact(i, q)) ranked.set(i, -2e6);
    }
    const qw = words(text).flatMap((w) => this.splitJoined(w));
    const endsInWord = /[\p{L}\p{N}]$/u.test(raw);
    // Per document: summed word scores and how many query words matched.
    const total = new Float64Array(this.size);
    const matchedWords = new Uint16Array(this.size);
    const docsHit: number[] = [];
    qw.forEach((w, k) => {
      const touched: number[] = [];
      this.scoreWord(w, k === qw.length - 1 && endsInWord, touched);
      for (const doc of touched) {
        if (matchedWords[doc] === 0) docsHit.push(doc);
        total[doc] += this.wordScore[doc];
        matchedWords[doc]++;
        this.wordScore[doc] = 0;
      }
    });
    // Every word must match somewhere; if no document has them all, the best partial matches.
    let best = 0;
    for (const doc of docsHit) if (matchedWords[doc] > best) best = matchedWords[doc];
    const need = Math.max(1, best);
    const nameLc = lc(text);
    for (const doc of docsHit) {
      if (matchedWords[doc] < need || ranked.has(doc) || !this.passesExact(doc, q)) continue;
      const n = this.namesLc[doc];
      const bonus = n === nameLc ? 1000 : n.startsWith(nameLc) ? 100 : n.includes(nameLc) ? 20 : 0;
      ranked.set(doc, -(total[doc] + bonus));
    }
    return ranked;
  }

  search(input: string, filters: Filters = {}, sort: Sort = 'relevance'): SearchResult {
    // An exact story name wins over query syntax ("Log4Shell CVE-2021-44228" is a story, not a CVE
    // filter), except a query that is one ATT&CK id or CVE: a story named `T1204` must not take
    // that search over from the technique.
    const trimmed = input.trim();
    const isId = TECHNIQUE_RE.test(trimmed) || CVE_RE.test(trimmed);
    const q =
      !isId && this.storyByLc.has(lc(trimmed)) ? { ...parseQuery(''), text: trimmed, raw: trimmed } : parseQuery(input);
    const unknown = this.unknownTechniques(q);
    const spl = q.prefixes.filter((p) => p.key === 'spl');
    const needsText = spl.length > 0 && !this.text;
    this.splAllow = this.text ? spl.map((p) => this.splDocs(p.value, Boolean(p.exact))) : [];
    const matched = unknown.length
      ? new Map<number, number>()
      : input.trim()
        ? this.match(q, input)
        : new Map(Array.from({ length: this.size }, (_, i) => [i, 0]));
    const active = FACETS.filter((f) => filters[f]?.length);
    // Selected values as codes; a value no document has matches nothing.
    const sets = Object.fromEntries(
      active.map((f) => [f, new Set(filters[f]!.map((v) => this.facetDict[f].code.get(v) ?? -1))]),
    ) as Record<Facet, Set<number>>;
    const since = filters.since ?? '';
    const dates = this.data.docs.date;
    const codes = this.facetCodes;
    const has = (f: Facet, i: number) => {
      for (const c of codes[f][i]) if (sets[f].has(c)) return true;
      return false;
    };
    // Deprecated and removed detections only when the status facet or a `status:` prefix asks.
    const askedStatus = new Set(q.prefixes.filter((p) => p.key === 'status').map((p) => lc(p.value)));
    const hiddenCodes = new Set<number>();
    for (const st of HIDDEN_STATUSES) {
      const c = this.facetDict.status.code.get(st);
      if (c !== undefined && !sets.status?.has(c) && !askedStatus.has(st)) hiddenCodes.add(c);
    }
    const hidden = (i: number) => hiddenCodes.size > 0 && hiddenCodes.has(codes.status[i][0]);
    const within = filters.within;
    const passes = (i: number, skip: Facet | null) => {
      if (since && dates[i] < since) return false;
      if (within && !within.has(i)) return false;
      if (skip !== 'status' && hidden(i)) return false;
      for (const f of active) if (f !== skip && !has(f, i)) return false;
      return true;
    };
    const counts = FACETS.map((f) => new Int32Array(this.facetDict[f].values.length));
    const rank = new Float64Array(this.size);
    const hits: number[] = [];
    for (const [i, r] of matched) {
      rank[i] = r;
      const all = passes(i, null);
      if (all) hits.push(i);
      for (let k = 0; k < FACETS.length; k++) {
        const f = FACETS[k];
        // A facet's own selection must not hide its other values.
        // The status facet also counts the removed ones it hides, so they can be asked for.
        if (!(all || ((sets[f] || (f === 'status' && hidden(i))) && passes(i, f)))) continue;
        const n = counts[k];
        for (const c of codes[f][i]) n[c]++;
      }
    }
    const facets = Object.fromEntries(
      FACETS.map((f, k) => {
        const m = new Map<string, number>();
        counts[k].forEach((n, c) => {
          if (n) m.set(this.facetDict[f].values[c], n);
        });
        return [f, m];
      }),
    ) as Record<Facet, Map<string, number>>;
    // Documents are stored in name order, so comparing indices compares names.
    if (sort === 'name') hits.sort((a, b) => a - b);
    else if (sort === 'newest') hits.sort((a, b) => (dates[a] < dates[b] ? 1 : dates[a] > dates[b] ? -1 : a - b));
    else hits.sort((a, b) => rank[a] - rank[b] || a - b);
    return { hits, stories: this.storiesFor(q), facets, parsed: q, unknown, needsText };
  }

  /**
   * For a query with no hits: each free-text word that is no term replaced by the nearest term
   * (fewest edits, over the whole dictionary: this runs once per dead end, not per keystroke),
   * and the names of the detections that corrected query finds.
   */
  suggest(input: string, limit = 5): { corrected: string | null; names: number[] } {
    const q = parseQuery(input);
    const ws = words(q.text);
    let changed = false;
    const fixed = ws.map((w) => {
      if (this.isTerm(w) || this.terms[this.lowerBound(w)]?.startsWith(w)) return w;
      let best = w;
      let bestD = Math.max(2, Math.floor(w.length / 3)) + 1;
      for (const t of this.terms) {
        if (Math.abs(t.length - w.length) >= bestD) continue;
        const d = editDistance(w, t, bestD);
        if (d < bestD || (d === bestD && best !== w && t < best)) {
          bestD = d;
          best = t;
        }
      }
      if (best !== w) changed = true;
      return best;
    });
    const corrected = changed ? fixed.join(' ') : null;
    const text = corrected ?? q.text;
    const names = text ? this.search(text).hits.slice(0, limit) : [];
    return { corrected, names };
  }

  /** Stories whose name matches the free text (exact first, then containing it). */
  storiesFor(q: ParsedQuery): number[] {
    const t = lc(q.text || q.prefixes.find((p) => p.key === 'story')?.value || '');
    if (t.length < 3) return [];
    const exact = this.storyByLc.get(t);
    const out = exact !== undefined ? [exact] : [];
    this.data.dict.stories.forEach((s, i) => {
      if (i !== exact && lc(s).includes(t)) out.push(i);
    });
    return out.slice(0, 6);
  }
}

/** Index of the first of the sorted `terms` that is ≥ `word` (binary search). */
function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid] < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
