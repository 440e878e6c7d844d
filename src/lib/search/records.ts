import Fuse from 'fuse.js';
import type { Detection, Story } from '../content/model';
import type { DetectionFacts } from '../content/indexes';
import { snippet } from '../text/rich';
import { FUSE_KEYS, type FuseDoc } from './options';

/**
 * The static search index: compact, dictionary-coded documents for display and facets, plus a
 * Fuse index precomputed here so the browser never indexes. Built once at build time.
 */

export interface SearchDoc {
  /** Detection id. */
  id: string;
  /** Name. */
  n: string;
  /** Site path of the page, without the base. */
  u: string;
  f: number;
  t: number;
  s: number;
  /** Updated date, YYYY-MM-DD. */
  d: string;
  /** ATT&CK ids as written. */
  m: string[];
  st: number[];
  ds: number[];
  ta: number[];
  p: number[];
  sd: number;
  at: number;
  cv: string[];
  /** Short description. */
  x: string;
}

export interface SearchData {
  v: 1;
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
    /** Technique id → name (null when unknown to the bundled ATT&CK data). */
    techniques: Record<string, string | null>;
  };
  /** Stories by dictionary index: slug and detection count, for the "stories" result group. */
  storyInfo: { slug: string; n: number }[];
  docs: SearchDoc[];
  fuse: { keys: string[]; records: unknown };
}

class Dict {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  id(v: string): number {
    let i = this.map.get(v);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.map.set(v, i);
    }
    return i;
  }
}

export function buildSearchData(
  detections: Detection[],
  facts: Map<string, DetectionFacts>,
  stories: Story[],
  pathOf: (d: Detection) => string,
): SearchData {
  const folders = new Dict();
  const types = new Dict();
  const statuses = new Dict();
  const storyD = new Dict();
  const dsD = new Dict();
  const tacticD = new Dict();
  const productD = new Dict();
  const domainD = new Dict();
  const assetD = new Dict();
  const techniques: Record<string, string | null> = {};
  for (const s of stories) storyD.id(s.name);
  for (const t of ['TTP', 'Anomaly', 'Hunting', 'Correlation']) types.id(t);
  for (const s of ['production', 'experimental', 'deprecated']) statuses.id(s);

  const docs: SearchDoc[] = [];
  const fuseDocs: FuseDoc[] = [];
  for (const d of detections) {
    const f = facts.get(d.id);
    const tech = f?.techniques ?? [];
    for (const t of tech) techniques[t.id] = t.name;
    const tactics = f?.tactics ?? [];
    const desc = snippet(d.description, 160);
    docs.push({
      id: d.id,
      n: d.name,
      u: pathOf(d),
      f: folders.id(d.folder),
      t: types.id(d.type),
      s: statuses.id(d.status),
      d: d.date ?? '',
      m: d.mitreIds,
      st: d.stories.map((s) => storyD.id(s)),
      ds: d.dataSources.map((s) => dsD.id(s)),
      ta: tactics.map((t) => tacticD.id(t.name)),
      p: d.products.map((p) => productD.id(p)),
      sd: d.securityDomain ? domainD.id(d.securityDomain) : -1,
      at: d.assetType ? assetD.id(d.assetType) : -1,
      cv: d.cves,
      x: desc,
    });
    fuseDocs.push({
      name: d.name,
      techniques: tech.map((t) => `${t.id} ${t.name ?? ''}`.trim()),
      tactics: tactics.map((t) => t.name),
      stories: d.stories,
      dataSources: d.dataSources,
      cves: d.cves,
      type: d.type,
      author: d.author ?? '',
      description: desc,
    });
  }
  const index = Fuse.createIndex(FUSE_KEYS, fuseDocs);
  const storyInfo = storyD.list.map((name) => {
    const s = stories.find((x) => x.name === name);
    return { slug: s?.slug ?? '', n: detections.filter((d) => d.stories.includes(name)).length };
  });
  return {
    v: 1,
    dict: {
      folders: folders.list,
      types: types.list,
      statuses: statuses.list,
      stories: storyD.list,
      dataSources: dsD.list,
      tactics: tacticD.list,
      products: productD.list,
      domains: domainD.list,
      assetTypes: assetD.list,
      techniques,
    },
    storyInfo,
    docs,
    fuse: index.toJSON() as unknown as { keys: string[]; records: unknown },
  };
}
