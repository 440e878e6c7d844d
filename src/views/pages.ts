import type { CatalogHistory } from '../domain/history/catalog.ts';
import type { DetectionHistory } from '../domain/history/index.ts';
import { detectionHistoryView, type DetectionHistoryView } from './history.ts';
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
import { relatedDetections, type Collections, type DetectionRefs, type Indexes } from '../domain/catalog/indexes.ts';
import { drilldownViews, macroTable, searchVariants, type DrilldownView, type SearchVariants } from './detection.ts';
import { macroTry, storyTry, type MacroTry, type StorySearch, type StoryTry } from './try.ts';
import { getTechnique, tactics as tacticOrder, type Tactic } from '../domain/attack/index.ts';
import { techniqueCounts } from '../domain/navigator/layer.ts';
import type { SplunkTarget } from '../domain/urls/splunk.ts';

/**
 * Everything each entity page renders, computed from the catalog in `getStaticPaths` and handed
 * to the page as props. Pages built from these read nothing else from the catalog, which is what
 * lets a rebuild keep pages whose view is unchanged (src/build/incremental.ts).
 */
type Catalog = Collections & Indexes & { history?: CatalogHistory | null };

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
  detection: Detection;
  refs: DetectionRefs;
  variants: SearchVariants;
  drilldowns: DrilldownView[];
  related: DetectionRow[];
  /** Its versions in the content's git history, when the build has one. */
  history: DetectionHistoryView | null;
}

/**
 * What a detection page is computed from, and what its fingerprint covers: a rebuild computes
 * the page's view (expanded searches, drilldown links) only for pages whose inputs changed.
 * `macros` is the whole list (it stands for itself by one hash in the fingerprint).
 */
export interface DetectionInputs {
  detection: Detection;
  refs: DetectionRefs;
  related: DetectionRow[];
  macros: Macro[];
  splunk: SplunkTarget;
  history: DetectionHistory | null;
  historySince: string | null;
}

export const detectionInputs = (detection: Detection, c: Catalog, splunk: SplunkTarget): DetectionInputs => {
  const id = detection.id.toLowerCase();
  return {
    detection,
    refs: c.refs.get(detection.id)!,
    related: detectionRows(relatedDetections(detection, c)),
    macros: c.macros,
    splunk,
    history:
      c.history?.detections.get(id) ??
      c.history?.removed.find((r) => r.detection.id.toLowerCase() === id)?.history ??
      null,
    historySince: c.history?.since ?? null,
  };
};

/**
 * The page's view, from its inputs alone. `historyView`, when given, is the History section
 * already computed from `inputs.history` elsewhere (off the main thread in a build).
 */
export function detectionView(inputs: DetectionInputs, historyView?: DetectionHistoryView | null): DetectionView {
  const { detection, refs, related, macros, splunk, history } = inputs;
  const table = macroTable(macros);
  return {
    detection,
    refs,
    variants: searchVariants(detection.search, table),
    drilldowns: drilldownViews(detection, table, splunk),
    related,
    history: history && (historyView ?? detectionHistoryView(history, inputs.historySince)),
  };
}

export interface AttackRow {
  ta: Tactic;
  techniques: { id: string; name: string | null; n: number }[];
}

/** Tactics and techniques covered by a set of detections, in matrix order. */
export function attackSummary(detections: Detection[], c: Pick<Indexes, 'refs'>): AttackRow[] {
  const byTactic = new Map<string, Map<string, { id: string; name: string | null; n: number }>>();
  for (const d of detections) {
    for (const t of c.refs.get(d.id)?.techniques ?? []) {
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
  story: Story;
  detections: DetectionRow[];
  baselines: Baseline[];
  investigations: Investigation[];
  playbooks: Playbook[];
  dataSources: { name: string; entity: DataSource | null }[];
  attack: AttackRow[];
  /** Try in Splunk and "Copy all searches" for the story's detections. */
  tryIt: StoryTry;
  /** Its versions in the content's git history, when the build has one. */
  history: DetectionHistoryView | null;
}

/**
 * A story's or macro's History section made elsewhere (off the main thread in a build), by its
 * key in the history; undefined when it was not.
 */
export type MadeHistoryView = (kind: 'stories' | 'macros', key: string) => DetectionHistoryView | undefined;

/** A story's or macro's History section, when the history saw it. */
function entityHistory(
  c: Catalog,
  kind: 'stories' | 'macros',
  key: string,
  made?: MadeHistoryView,
): DetectionHistoryView | null {
  const h = c.history?.[kind].get(key);
  return h ? (made?.(kind, key) ?? detectionHistoryView(h, c.history!.since, kind)) : null;
}

/**
 * What a story page is computed from, and what its fingerprint covers: the Try links (each
 * detection's search expanded, appended and sized, the most costly part of the page) are made
 * only when the page renders, from the searches and the macros.
 */
export interface StoryInputs {
  view: Omit<StoryView, 'tryIt'>;
  searches: StorySearch[];
  macros: Macro[];
}

export function storyInputs(story: Story, c: Catalog, made?: MadeHistoryView): StoryInputs {
  const detections = c.detectionsByStory.get(story.name) ?? [];
  return {
    view: {
      history: entityHistory(c, 'stories', (story.id || story.name).trim().toLowerCase(), made),
      story,
      detections: detectionRows(detections),
      baselines: c.baselinesByStory.get(story.name) ?? [],
      investigations: c.investigationsByStory.get(story.name) ?? [],
      playbooks: c.playbooksByStory.get(story.name) ?? [],
      dataSources: named([...new Set(detections.flatMap((d) => d.dataSources))].sort(), c.dataSourceByName),
      attack: attackSummary(detections, c),
    },
    searches: detections.map(({ name, status, search }) => ({ name, status, search })),
    macros: c.macros,
  };
}

/** The story page's view, from its inputs alone. */
export const storyView = (inputs: StoryInputs): StoryView => ({
  ...inputs.view,
  tryIt: storyTry(inputs.searches, macroTable(inputs.macros)),
});

export interface DataSourceView {
  dataSource: DataSource;
  used: DetectionRow[];
}

export const dataSourceView = (dataSource: DataSource, c: Catalog): DataSourceView => ({
  dataSource,
  used: detectionRows(c.detectionsByDataSource.get(dataSource.name) ?? []),
});

export interface MacroView {
  macro: Macro;
  used: DetectionRow[];
  lookups: { name: string; entity: Lookup | null }[];
  history: DetectionHistoryView | null;
  /** A preview of what the macro selects in Splunk, when it can run alone. */
  tryIt: MacroTry | null;
}

export const macroView = (macro: Macro, c: Catalog, made?: MadeHistoryView): MacroView => ({
  macro,
  history: entityHistory(c, 'macros', macro.name.trim(), made),
  used: detectionRows(c.detectionsByMacro.get(macro.name) ?? []),
  lookups: named(c.lookupsByMacro.get(macro.name) ?? [], c.lookupByName),
  tryIt: macroTry(macro, macroTable(c.macros)),
});

export interface LookupView {
  lookup: Lookup;
  used: DetectionRow[];
}

export const lookupView = (lookup: Lookup, c: Catalog): LookupView => ({
  lookup,
  used: detectionRows(c.detectionsByLookup.get(lookup.name) ?? []),
});

export interface BaselineView {
  baseline: Baseline;
  detections: DetectionRow[];
  missing: string[];
  stories: { name: string; entity: Story | null }[];
}

export const baselineView = (baseline: Baseline, c: Catalog): BaselineView => ({
  baseline,
  detections: detectionRows(baseline.detections.map((n) => c.detectionByName.get(n)).filter((d) => d !== undefined)),
  missing: baseline.detections.filter((n) => !c.detectionByName.has(n)),
  stories: named(baseline.stories, c.storyByName),
});

export interface InvestigationView {
  investigation: Investigation;
  related: DetectionRow[];
  stories: { name: string; entity: Story | null }[];
}

export const investigationView = (investigation: Investigation, c: Catalog): InvestigationView => ({
  investigation,
  related: detectionRows([...new Set(investigation.stories.flatMap((s) => c.detectionsByStory.get(s) ?? []))]),
  stories: named(investigation.stories, c.storyByName),
});

export interface PlaybookView {
  playbook: Playbook;
  detections: DetectionRow[];
  stories: { name: string; entity: Story | null }[];
}

export const playbookView = (playbook: Playbook, c: Catalog): PlaybookView => ({
  playbook,
  detections: detectionRows(playbook.detections.map((n) => c.detectionByName.get(n)).filter((d) => d !== undefined)),
  stories: named(playbook.stories, c.storyByName),
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
