import type {
  Baseline,
  DataSource,
  Detection,
  Investigation,
  Lookup,
  Macro,
  Playbook,
  Story,
} from '../content/model.ts';
import { relatedDetections, type Collections, type DetectionFacts, type Indexes } from '../domain/catalog/indexes.ts';
import { drilldownViews, macroTable, searchVariants, type DrilldownView, type SearchVariants } from './detection.ts';
import { getTechnique, tactics as tacticOrder, type Tactic } from '../domain/attack/index.ts';
import { techniqueCounts } from '../domain/navigator/layer.ts';
import type { SplunkTarget } from '../domain/urls/splunk.ts';

/**
 * Everything each entity page renders, computed from the catalog in `getStaticPaths` and handed
 * to the page as props. Pages built from these read nothing else from the catalog, which is what
 * lets a rebuild keep pages whose view is unchanged (src/build/incremental.ts).
 */
type Catalog = Collections & Indexes;

const named = <T>(names: string[], byName: Map<string, T>) =>
  names.map((name) => ({ name, entity: byName.get(name) ?? null }));

/**
 * What a list or table of detections shows of each one. Views hold these rather than whole
 * detections, so a page listing a detection is not rendered again when the detection changes
 * in a field the page does not show (its description, search, drilldowns, …): a page's
 * fingerprint covers its props, nothing else.
 */
export type DetectionRow = Readonly<
  Pick<Detection, 'id' | 'folder' | 'name' | 'type' | 'status' | 'mitreIds' | 'dataSources' | 'date'>
>;

const rowMemo = new WeakMap<Detection, DetectionRow>();

/** One row object per detection, so the fingerprinter hashes each row once (`detectionRows`). */
export function detectionRow(d: Detection): DetectionRow {
  let r = rowMemo.get(d);
  if (!r) {
    r = {
      id: d.id,
      folder: d.folder,
      name: d.name,
      type: d.type,
      status: d.status,
      mitreIds: d.mitreIds,
      dataSources: d.dataSources,
      date: d.date,
    };
    rowMemo.set(d, r);
  }
  return r;
}

export const detectionRows = (ds: readonly Detection[]): DetectionRow[] => ds.map(detectionRow);

export interface DetectionView {
  d: Detection;
  facts: DetectionFacts;
  variants: SearchVariants;
  drilldowns: DrilldownView[];
  related: DetectionRow[];
}

/**
 * What a detection page is computed from, and what its fingerprint covers: a rebuild computes
 * the page's view (expanded searches, drilldown links) only for pages whose inputs changed.
 * `macros` is the whole list (it stands for itself by one hash in the fingerprint).
 */
export interface DetectionInputs {
  d: Detection;
  facts: DetectionFacts;
  related: DetectionRow[];
  macros: Macro[];
  splunk: SplunkTarget;
}

export const detectionInputs = (d: Detection, c: Catalog, splunk: SplunkTarget): DetectionInputs => ({
  d,
  facts: c.facts.get(d.id)!,
  related: detectionRows(relatedDetections(d, c)),
  macros: c.macros,
  splunk,
});

/** The page's view, from its inputs alone. */
export function detectionView({ d, facts, related, macros, splunk }: DetectionInputs): DetectionView {
  const table = macroTable(macros);
  return { d, facts, variants: searchVariants(d.search, table), drilldowns: drilldownViews(d, table, splunk), related };
}

export interface AttackRow {
  ta: Tactic;
  techniques: { id: string; name: string | null; n: number }[];
}

/** Tactics and techniques covered by a set of detections, in matrix order. */
export function attackSummary(detections: Detection[], c: Pick<Indexes, 'facts'>): AttackRow[] {
  const byTactic = new Map<string, Map<string, { id: string; name: string | null; n: number }>>();
  for (const d of detections) {
    for (const t of c.facts.get(d.id)?.techniques ?? []) {
      for (const ta of t.tactics) {
        const m = byTactic.get(ta.id) ?? new Map();
        const cur = m.get(t.id) ?? { id: t.id, name: t.name, n: 0 };
        cur.n++;
        m.set(t.id, cur);
        byTactic.set(ta.id, m);
      }
    }
  }
  return tacticOrder
    .filter((ta) => byTactic.has(ta.id))
    .map((ta) => ({ ta, techniques: [...byTactic.get(ta.id)!.values()].sort((a, b) => a.id.localeCompare(b.id)) }));
}

export interface StoryView {
  s: Story;
  detections: DetectionRow[];
  baselines: Baseline[];
  investigations: Investigation[];
  playbooks: Playbook[];
  dataSources: { name: string; entity: DataSource | null }[];
  attack: AttackRow[];
}

export function storyView(s: Story, c: Catalog): StoryView {
  const detections = c.detectionsByStory.get(s.name) ?? [];
  return {
    s,
    detections: detectionRows(detections),
    baselines: c.baselinesByStory.get(s.name) ?? [],
    investigations: c.investigationsByStory.get(s.name) ?? [],
    playbooks: c.playbooksByStory.get(s.name) ?? [],
    dataSources: named([...new Set(detections.flatMap((d) => d.dataSources))].sort(), c.dataSourceByName),
    attack: attackSummary(detections, c),
  };
}

export interface DataSourceView {
  ds: DataSource;
  used: DetectionRow[];
}

export const dataSourceView = (ds: DataSource, c: Catalog): DataSourceView => ({
  ds,
  used: detectionRows(c.detectionsByDataSource.get(ds.name) ?? []),
});

export interface MacroView {
  m: Macro;
  used: DetectionRow[];
  lookups: { name: string; entity: Lookup | null }[];
}

export const macroView = (m: Macro, c: Catalog): MacroView => ({
  m,
  used: detectionRows(c.detectionsByMacro.get(m.name) ?? []),
  lookups: named(c.lookupsByMacro.get(m.name) ?? [], c.lookupByName),
});

export interface LookupView {
  l: Lookup;
  used: DetectionRow[];
}

export const lookupView = (l: Lookup, c: Catalog): LookupView => ({
  l,
  used: detectionRows(c.detectionsByLookup.get(l.name) ?? []),
});

export interface BaselineView {
  b: Baseline;
  detections: DetectionRow[];
  missing: string[];
  stories: { name: string; entity: Story | null }[];
}

export const baselineView = (b: Baseline, c: Catalog): BaselineView => ({
  b,
  detections: detectionRows(b.detections.map((n) => c.detectionByName.get(n)).filter((d) => d !== undefined)),
  missing: b.detections.filter((n) => !c.detectionByName.has(n)),
  stories: named(b.stories, c.storyByName),
});

export interface InvestigationView {
  inv: Investigation;
  related: DetectionRow[];
  stories: { name: string; entity: Story | null }[];
}

export const investigationView = (inv: Investigation, c: Catalog): InvestigationView => ({
  inv,
  related: detectionRows([...new Set(inv.stories.flatMap((s) => c.detectionsByStory.get(s) ?? []))]),
  stories: named(inv.stories, c.storyByName),
});

export interface PlaybookView {
  p: Playbook;
  detections: DetectionRow[];
  stories: { name: string; entity: Story | null }[];
}

export const playbookView = (p: Playbook, c: Catalog): PlaybookView => ({
  p,
  detections: detectionRows(p.detections.map((n) => c.detectionByName.get(n)).filter((d) => d !== undefined)),
  stories: named(p.stories, c.storyByName),
});

export interface TechniqueView {
  id: string;
  /** Detections mapped to the technique or one of its sub-techniques. */
  all: DetectionRow[];
  /** Ids of those mapped to exactly this id. */
  direct: string[];
  /** Known and mapped sub-techniques, with their detection counts. */
  subs: { id: string; name: string | null; n: number }[];
  stories: { name: string; entity: Story | null }[];
}

export function techniqueView(id: string, c: Catalog): TechniqueView {
  const t = getTechnique(id);
  const counts = techniqueCounts(c.detections);
  const all: Detection[] = counts.get(id) ?? [];
  const subIds = [
    ...new Set([...(t?.subtechniques ?? []), ...[...counts.keys()].filter((k) => k.startsWith(`${id}.`))]),
  ].sort();
  return {
    id,
    all: detectionRows(all),
    direct: (c.detectionsByTechnique.get(id) ?? []).map((d) => d.id),
    subs: subIds.map((s) => ({ id: s, name: getTechnique(s)?.name ?? null, n: counts.get(s)?.length ?? 0 })),
    stories: named([...new Set(all.flatMap((d) => d.stories))].sort(), c.storyByName),
  };
}
