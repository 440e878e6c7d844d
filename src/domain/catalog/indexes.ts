import type {
  Baseline,
  DataSource,
  Detection,
  Investigation,
  Lookup,
  Macro,
  Playbook,
  Story,
} from '../../content/model.ts';
import { namedReplacements, possibleReplacements } from './replacements.ts';
import { findDataModels, findLookups, findMacroCalls, isExternalMacro } from '../spl/analyze.ts';
import { killChainPhasesFor, resolveTechniques } from '../attack/index.ts';
import { fileStem } from '../../content/names.ts';
import type { KindLists } from '../../content/kinds.ts';

/**
 * Cross-reference indexes and per-detection derived refs, computed once for the whole
 * catalog. Pages read from here and never filter collections themselves.
 */

/** One list per kind (src/content/kinds.ts). */
export type Collections = KindLists;

export type ResolvedTechnique = ReturnType<typeof resolveTechniques>[number];

export interface MacroUse {
  name: string;
  /** Arguments as written in the call. */
  args: string[];
  raw: string;
  macro: Macro | null;
  external: boolean;
  /** The detection's own `<stem>_filter` macro. */
  filter: boolean;
}

export interface DetectionRefs {
  macros: MacroUse[];
  /** Lookups in the search, and those reached through a macro's definition (`via` names the macro). */
  lookups: { name: string; lookup: Lookup | null; via?: string }[];
  dataModels: { model: string; dataset?: string }[];
  dataSources: { name: string; source: DataSource | null }[];
  techniques: ResolvedTechnique[];
  tactics: { id: string; name: string; shortName: string }[];
  killChain: string[];
  stories: { name: string; story: Story | null }[];
  baselines: Baseline[];
  playbooks: Playbook[];
  /** From the content, or else the union of the data sources' field lists. */
  requiredFields: { fields: string[]; derived: boolean };
  /** For a deprecated or removed detection: the detections its deprecation text names (src/domain/catalog/replacements.ts). */
  replacements: Detection[];
  /** When it names none: production detections sharing its techniques and data sources. */
  possibleReplacements: Detection[];
}

export interface Indexes {
  detectionById: Map<string, Detection>;
  detectionByName: Map<string, Detection>;
  refs: Map<string, DetectionRefs>;
  storyByName: Map<string, Story>;
  macroByName: Map<string, Macro>;
  lookupByName: Map<string, Lookup>;
  dataSourceByName: Map<string, DataSource>;
  detectionsByStory: Map<string, Detection[]>;
  detectionsByMacro: Map<string, Detection[]>;
  detectionsByLookup: Map<string, Detection[]>;
  /** Macro name → lookups its definition uses, directly or through the macros it calls. */
  lookupsByMacro: Map<string, string[]>;
  detectionsByDataSource: Map<string, Detection[]>;
  /** Technique id as written → detections listing exactly that id. */
  detectionsByTechnique: Map<string, Detection[]>;
  baselinesByStory: Map<string, Baseline[]>;
  investigationsByStory: Map<string, Investigation[]>;
  playbooksByStory: Map<string, Playbook[]>;
  /** Data-source names referenced by detections but defined by no file. */
  undefinedDataSources: string[];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

export function buildIndexes(c: Collections, others: readonly Detection[] = []): Indexes {
  const byName = <T extends { name: string }>(xs: T[]) => new Map(xs.map((x) => [x.name, x]));
  const ix: Indexes = {
    detectionById: new Map(c.detections.map((d) => [d.id, d])),
    detectionByName: byName(c.detections),
    refs: new Map(),
    storyByName: byName(c.stories),
    macroByName: byName(c.macros),
    lookupByName: byName(c.lookups),
    dataSourceByName: byName(c.dataSources),
    detectionsByStory: new Map(),
    detectionsByMacro: new Map(),
    detectionsByLookup: new Map(),
    lookupsByMacro: new Map(),
    detectionsByDataSource: new Map(),
    detectionsByTechnique: new Map(),
    baselinesByStory: new Map(),
    investigationsByStory: new Map(),
    playbooksByStory: new Map(),
    undefinedDataSources: [],
  };
  const baselinesByDetection = new Map<string, Baseline[]>();
  for (const b of c.baselines) {
    for (const n of b.detections) push(baselinesByDetection, n, b);
    for (const s of b.stories) push(ix.baselinesByStory, s, b);
  }
  for (const i of c.investigations) for (const s of i.stories) push(ix.investigationsByStory, s, i);
  const playbooksByDetection = new Map<string, Playbook[]>();
  for (const p of c.playbooks) {
    for (const n of p.detections) push(playbooksByDetection, n, p);
    for (const s of p.stories) push(ix.playbooksByStory, s, p);
  }
  const undefinedDs = new Set<string>();
  // Macros calling macros: followed to a fixed depth, so a cycle in content cannot loop.
  const macroLookups = (name: string, depth = 0, seen = new Set<string>()): string[] => {
    const m = ix.macroByName.get(name);
    if (!m || seen.has(name) || depth > 4) return [];
    seen.add(name);
    return [
      ...new Set([
        ...findLookups(m.definition),
        ...findMacroCalls(m.definition).flatMap((call) => macroLookups(call.name, depth + 1, seen)),
      ]),
    ];
  };
  for (const m of c.macros) {
    const found = macroLookups(m.name);
    if (found.length) ix.lookupsByMacro.set(m.name, found);
  }

  /** A detection's cross-references; reads the indexes, changes nothing. */
  const refsOf = (d: Detection): DetectionRefs => {
    const filterName = `${fileStem(d.name)}_filter`;
    const seenMacro = new Set<string>();
    const macros: MacroUse[] = [];
    for (const call of findMacroCalls(d.search)) {
      const key = `${call.name}(${call.args.length})`;
      if (seenMacro.has(key)) continue;
      seenMacro.add(key);
      const macro = ix.macroByName.get(call.name) ?? null;
      macros.push({
        name: call.name,
        args: call.args,
        raw: call.raw,
        macro,
        external: !macro && isExternalMacro(call.name),
        filter: call.name === filterName || (call.name.endsWith('_filter') && !macro),
      });
    }
    const lookups: DetectionRefs['lookups'] = findLookups(d.search).map((name) => ({
      name,
      lookup: ix.lookupByName.get(name) ?? null,
    }));
    for (const m of macros) {
      for (const name of ix.lookupsByMacro.get(m.name) ?? []) {
        if (!lookups.some((l) => l.name === name))
          lookups.push({ name, lookup: ix.lookupByName.get(name) ?? null, via: m.name });
      }
    }
    const techniques = resolveTechniques(d.mitreIds);
    const tactics = new Map<string, { id: string; name: string; shortName: string }>();
    for (const t of techniques)
      for (const ta of t.tactics) tactics.set(ta.id, { id: ta.id, name: ta.name, shortName: ta.shortName });
    const dataSources = d.dataSources.map((name) => ({ name, source: ix.dataSourceByName.get(name) ?? null }));
    const derivedFields = [...new Set(dataSources.flatMap((x) => x.source?.fields ?? []))];
    return {
      macros,
      lookups,
      dataModels: findDataModels(d.search),
      dataSources,
      techniques,
      tactics: [...tactics.values()],
      killChain: killChainPhasesFor(d.mitreIds),
      stories: d.stories.map((name) => ({ name, story: ix.storyByName.get(name) ?? null })),
      baselines: baselinesByDetection.get(d.name) ?? [],
      playbooks: playbooksByDetection.get(d.name) ?? [],
      requiredFields: d.requiredFields.length
        ? { fields: d.requiredFields, derived: false }
        : { fields: derivedFields, derived: derivedFields.length > 0 },
      replacements: [],
      possibleReplacements: [],
    };
  };

  for (const d of c.detections) {
    for (const s of d.stories) push(ix.detectionsByStory, s, d);
    for (const t of d.mitreIds) push(ix.detectionsByTechnique, t, d);
    for (const n of d.dataSources) {
      push(ix.detectionsByDataSource, n, d);
      if (!ix.dataSourceByName.has(n)) undefinedDs.add(n);
    }
    const refs = refsOf(d);
    for (const m of refs.macros) if (m.macro) push(ix.detectionsByMacro, m.macro.name, d);
    for (const l of refs.lookups) if (l.lookup) push(ix.detectionsByLookup, l.lookup.name, d);
    ix.refs.set(d.id, refs);
  }
  // Detections that are not part of the content (removed ones, shown from the history) get
  // their references too, without appearing in any index.
  for (const d of others) if (!ix.refs.has(d.id)) ix.refs.set(d.id, refsOf(d));
  // Deprecated and removed detections point at what replaces them: named in their text, or
  // else production detections covering the same techniques with the same data.
  const byNameLc = new Map(c.detections.map((d) => [d.name.trim().toLowerCase(), d]));
  const live = c.detections.filter((d) => d.status !== 'deprecated');
  for (const d of [...c.detections, ...others]) {
    if (d.status !== 'deprecated' && !others.includes(d)) continue;
    const refs = ix.refs.get(d.id)!;
    refs.replacements = namedReplacements(d, byNameLc, live);
    if (refs.replacements.length === 0) refs.possibleReplacements = possibleReplacements(d, ix.detectionsByTechnique);
  }
  ix.undefinedDataSources = [...undefinedDs].sort();
  return ix;
}

const byName = new Intl.Collator();

/**
 * Up to `limit` detections related to `d`: those in the same analytic story and reading the
 * same data come first (a story groups what an analyst runs together), then those on the same
 * techniques. A Kubernetes detection's neighbours are the other Kubernetes detections of its
 * story, not every detection anywhere mapped to the same technique.
 */
export function relatedDetections(d: Detection, ix: Indexes, limit = 5): Detection[] {
  // Scores in a typed array by position, reset through the list of touched positions: a common
  // data source gives hundreds of candidates on each detection page, and a Map per page was a
  // visible part of the build.
  const s = scratchFor(ix);
  const touched: number[] = [];
  const add = (others: Detection[] | undefined, w: number) => {
    for (const o of others ?? []) {
      if (o.id === d.id) continue;
      const i = s.index.get(o)!;
      if (s.scores[i] === 0) touched.push(i);
      s.scores[i] += w;
    }
  };
  for (const st of d.stories) add(ix.detectionsByStory.get(st), 4);
  for (const n of d.dataSources) add(ix.detectionsByDataSource.get(n), 2);
  for (const t of d.mitreIds) add(ix.detectionsByTechnique.get(t), 1.5);
  // A running top-k over the candidates, in the order they were first found.
  const top: { det: Detection; s: number }[] = [];
  const before = (a: { det: Detection; s: number }, b: { det: Detection; s: number }) =>
    a.s > b.s || (a.s === b.s && byName.compare(a.det.name, b.det.name) < 0);
  for (const i of touched) {
    const det = s.all[i]!;
    const x = { det, s: s.scores[i]! };
    s.scores[i] = 0;
    if (det.status === 'deprecated' && d.status !== 'deprecated') continue;
    if (top.length === limit && !before(x, top[limit - 1]!)) continue;
    let k = top.length;
    while (k > 0 && before(x, top[k - 1]!)) k--;
    top.splice(k, 0, x);
    if (top.length > limit) top.pop();
  }
  return top.map((x) => x.det);
}

interface Scratch {
  all: Detection[];
  index: Map<Detection, number>;
  scores: Float64Array;
}
const scratch = new WeakMap<Indexes, Scratch>();

function scratchFor(ix: Indexes): Scratch {
  let s = scratch.get(ix);
  if (!s) {
    const all = [
      ...new Set(
        [
          ...ix.detectionsByStory.values(),
          ...ix.detectionsByTechnique.values(),
          ...ix.detectionsByDataSource.values(),
        ].flat(),
      ),
    ];
    s = { all, index: new Map(all.map((x, i) => [x, i])), scores: new Float64Array(all.length) };
    scratch.set(ix, s);
  }
  return s;
}
