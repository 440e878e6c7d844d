import Fuse, { type FuseIndex } from 'fuse.js';
import type { SearchData, SearchDoc } from './records';
import { FUSE_OPTIONS, type FuseDoc } from './options';
import { matchesTechnique, parseQuery, type ParsedQuery } from './query';

/**
 * The search itself, shared by the explore page (in the browser) and the tests (in Node):
 * exact understanding first (technique ids, CVEs, story names, prefixes, phrases), Fuse for the
 * rest, then facet filters with live counts.
 */

export const FACETS = ['type', 'status', 'tactic', 'technique', 'story', 'ds', 'product', 'domain', 'asset', 'folder'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string[]>> & { since?: string };
export type Sort = 'relevance' | 'newest' | 'name';

export interface SearchResult {
  /** Document indices in rank order. */
  hits: number[];
  /** Stories (dictionary indices) the query names, for the "stories" group. */
  stories: number[];
  /** Facet → value → count over the hits, each facet ignoring its own selection. */
  facets: Record<Facet, Map<string, number>>;
  parsed: ParsedQuery;
}

const lc = (s: string) => s.toLowerCase();

export class SearchEngine {
  readonly data: SearchData;
  private readonly fuse: Fuse<FuseDoc>;
  private readonly storyByLc: Map<string, number>;
  /** Per-document searchable text for quoted phrases. */
  private readonly haystack: string[];

  constructor(data: SearchData) {
    this.data = data;
    const index = Fuse.parseIndex<FuseDoc>(data.fuse as unknown as Parameters<typeof Fuse.parseIndex>[0]) as FuseIndex<FuseDoc>;
    // The documents handed to Fuse are never read: the precomputed index carries the text.
    this.fuse = new Fuse<FuseDoc>(data.docs as unknown as FuseDoc[], FUSE_OPTIONS, index);
    this.storyByLc = new Map(data.dict.stories.map((s, i) => [lc(s), i]));
    this.haystack = data.docs.map((d) =>
      lc([d.n, d.x, ...d.st.map((i) => data.dict.stories[i]), ...d.ds.map((i) => data.dict.dataSources[i]), ...d.m.map((m) => `${m} ${data.dict.techniques[m] ?? ''}`)].join('\n')),
    );
  }

  /** Value of a facet for one document, as strings (a document may have several). */
  values(doc: SearchDoc, facet: Facet): string[] {
    const dict = this.data.dict;
    switch (facet) {
      case 'type': return [dict.types[doc.t]];
      case 'status': return [dict.statuses[doc.s]];
      case 'tactic': return doc.ta.map((i) => dict.tactics[i]);
      case 'technique': return doc.m;
      case 'story': return doc.st.map((i) => dict.stories[i]);
      case 'ds': return doc.ds.map((i) => dict.dataSources[i]);
      case 'product': return doc.p.map((i) => dict.products[i]);
      case 'domain': return doc.sd >= 0 ? [dict.domains[doc.sd]] : [];
      case 'asset': return doc.at >= 0 ? [dict.assetTypes[doc.at]] : [];
      case 'folder': return [dict.folders[doc.f]];
    }
  }

  private passesPrefixes(doc: SearchDoc, q: ParsedQuery): boolean {
    const dict = this.data.dict;
    for (const { key, value } of q.prefixes) {
      const v = lc(value);
      const has = (xs: string[]) => xs.some((x) => lc(x).includes(v));
      let ok = true;
      switch (key) {
        case 'story': ok = has(doc.st.map((i) => dict.stories[i])); break;
        case 'tactic': ok = has(doc.ta.map((i) => dict.tactics[i])); break;
        case 'technique': ok = /^t\d{4}/i.test(value) ? matchesTechnique(doc.m, value) : has(doc.m.map((m) => dict.techniques[m] ?? '')); break;
        case 'ds': ok = has(doc.ds.map((i) => dict.dataSources[i])); break;
        case 'type': ok = lc(dict.types[doc.t]) === v; break;
        case 'status': ok = lc(dict.statuses[doc.s]) === v; break;
        case 'cve': ok = doc.cv.some((c) => lc(c) === v); break;
        case 'folder': ok = lc(dict.folders[doc.f]) === v; break;
        case 'id': ok = doc.id.startsWith(v); break;
      }
      if (!ok) return false;
    }
    return true;
  }

  /** Documents matching the query alone (no facet filters), with a rank key (lower is better). */
  private match(q: ParsedQuery): Map<number, number> {
    const docs = this.data.docs;
    const ranked = new Map<number, number>();
    const exact = (i: number) => {
      const d = docs[i];
      if (!q.techniques.every((t) => matchesTechnique(d.m, t))) return false;
      if (!q.cves.every((c) => d.cv.includes(c))) return false;
      if (!q.phrases.every((p) => this.haystack[i].includes(p))) return false;
      return this.passesPrefixes(d, q);
    };
    // Direct technique matches rank before matches through a sub-technique.
    const techRank = (d: SearchDoc) => (q.techniques.every((t) => d.m.includes(t)) ? 0 : 0.01);
    const text = q.text;
    if (!text) {
      for (let i = 0; i < docs.length; i++) if (exact(i)) ranked.set(i, techRank(docs[i]));
      return ranked;
    }
    const storyIdx = this.storyByLc.get(lc(text)) ?? this.storyByLc.get(lc(q.raw));
    if (storyIdx !== undefined) {
      for (let i = 0; i < docs.length; i++) if (docs[i].st.includes(storyIdx) && exact(i)) ranked.set(i, -2);
    }
    const idLike = /^[0-9a-f]{8}(?:-[0-9a-f]{0,4}){0,4}[0-9a-f-]*$/i.test(text);
    if (idLike) {
      for (let i = 0; i < docs.length; i++) if (docs[i].id.startsWith(lc(text)) && exact(i)) ranked.set(i, -3);
    }
    const nameLc = lc(text);
    for (const r of this.fuse.search(text)) {
      const i = r.refIndex;
      if (ranked.has(i) || !exact(i)) continue;
      // An exact name (or name prefix) beats any fuzzy score.
      const n = lc(docs[i].n);
      const bonus = n === nameLc ? -1 : n.startsWith(nameLc) ? -0.5 : 0;
      ranked.set(i, (r.score ?? 1) + bonus);
    }
    return ranked;
  }

  search(input: string, filters: Filters = {}, sort: Sort = 'relevance'): SearchResult {
    const q = parseQuery(input);
    const docs = this.data.docs;
    const matched = input.trim() ? this.match(q) : new Map(docs.map((_, i) => [i, 0]));
    const active = FACETS.filter((f) => filters[f]?.length);
    const sets = Object.fromEntries(active.map((f) => [f, new Set(filters[f])])) as Record<Facet, Set<string>>;
    const since = filters.since ?? '';
    const passes = (i: number, skip: Facet | null) => {
      const d = docs[i];
      if (since && d.d < since) return false;
      for (const f of active) {
        if (f === skip) continue;
        if (!this.values(d, f).some((v) => sets[f].has(v))) return false;
      }
      return true;
    };
    const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
    const hits: number[] = [];
    for (const i of matched.keys()) {
      const all = passes(i, null);
      if (all) hits.push(i);
      for (const f of FACETS) {
        // A facet's own selection must not hide its other values.
        if (!(all || (sets[f] && passes(i, f)))) continue;
        for (const v of new Set(this.values(docs[i], f))) facets[f].set(v, (facets[f].get(v) ?? 0) + 1);
      }
    }
    const byName = (a: number, b: number) => docs[a].n.localeCompare(docs[b].n);
    if (sort === 'name') hits.sort(byName);
    else if (sort === 'newest') hits.sort((a, b) => docs[b].d.localeCompare(docs[a].d) || byName(a, b));
    else hits.sort((a, b) => matched.get(a)! - matched.get(b)! || byName(a, b));
    return { hits, stories: this.storiesFor(q), facets, parsed: q };
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
