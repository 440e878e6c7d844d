import type { Catalog } from '../catalog/index.ts';
import { getTechnique, tactics } from '../attack/index.ts';
import { techniqueCounts } from '../navigator/layer.ts';
import { paths } from '../urls/index.ts';
import { snippet } from '../../lib/text/rich.ts';
import { counted } from '../../lib/text/plural.ts';
import {
  decodeSiteIndex,
  packId,
  SITE_KINDS,
  type SiteIds,
  type SiteIndex,
  type SiteItem,
  type SiteKind,
  type SiteWire,
} from './site.ts';

/**
 * Builds the header search's two files (site.ts reads them); build-time only. `buildSiteIndex` and
 * `buildDetectionIndex` say what every item is; `buildSiteWire` is what is sent.
 */

const CONTEXT = 48;
const line = (s: string | null | undefined) => snippet(s ?? '', CONTEXT);

/** The detections, apart: their ids alone (128 bits each) would outweigh every other kind together. */
export function buildDetectionIndex(c: Catalog): SiteIndex {
  const k = SITE_KINDS.indexOf('detection');
  return {
    v: 1,
    kinds: SITE_KINDS,
    items: c.detections.map((d) => [k, d.name, paths.detection(d), `${d.type} · ${d.folder}`, '']),
  };
}

/**
 * Every other page a visitor may look for by name. Per-detection filter macros are left out:
 * there is one per detection, named after it.
 */
export function buildSiteIndex(c: Catalog): SiteIndex {
  const items: SiteItem[] = [];
  const k = (kind: SiteKind) => SITE_KINDS.indexOf(kind);
  for (const s of c.stories)
    items.push([
      k('story'),
      s.name,
      paths.story(s),
      counted(c.detectionsByStory.get(s.name)?.length ?? 0, 'detection'),
      '',
    ]);
  const counts = techniqueCounts(c.detections);
  for (const [id, list] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    const t = getTechnique(id);
    items.push([
      k('technique'),
      t?.name ?? id,
      paths.technique(id),
      `${id} · ${counted(list.length, 'detection')}`,
      id.toLowerCase(),
    ]);
  }
  for (const ta of tactics)
    items.push([k('tactic'), ta.name, paths.tactic(ta.id), `${ta.id} · ATT&CK tactic`, ta.id.toLowerCase()]);
  for (const d of c.dataSources)
    items.push([
      k('data_source'),
      d.name,
      paths.dataSource(d),
      d.sourcetype ? `sourcetype ${d.sourcetype}` : line(d.description),
      (d.sourcetype ?? '').toLowerCase(),
    ]);
  for (const m of c.macros)
    if (!m.name.endsWith('_filter')) items.push([k('macro'), m.name, paths.macro(m), line(m.definition), '']);
  for (const l of c.lookups) items.push([k('lookup'), l.name, paths.lookup(l), line(l.description), '']);
  for (const p of c.playbooks)
    items.push([k('playbook'), p.name, paths.playbook(p), line(p.type || p.description), '']);
  for (const b of c.baselines) items.push([k('baseline'), b.name, paths.baseline(b), line(b.description), '']);
  for (const i of c.investigations)
    items.push([k('investigation'), i.name, paths.investigation(i), line(i.description), '']);
  for (const r of c.history?.releases ?? [])
    items.push([k('release'), r.tag, paths.release(r.tag), `released ${r.date.slice(0, 10)}`, r.tag.toLowerCase()]);
  return { v: 1, kinds: SITE_KINDS, items };
}

/**
 * The two files as sent: `/site-index.json` (every page's name and what the list shows; no
 * detection id) and `/site-detections.json` (the detection ids). Every decoded item is checked
 * against `buildSiteIndex` and `buildDetectionIndex`, and any that differs is sent whole in `fix`.
 */
const wires = new WeakMap<Catalog, { index: SiteWire; ids: SiteIds }>();

export function buildSiteWire(c: Catalog): { index: SiteWire; ids: SiteIds } {
  let out = wires.get(c);
  if (!out) wires.set(c, (out = makeSiteWire(c)));
  return out;
}

function makeSiteWire(c: Catalog): { index: SiteWire; ids: SiteIds } {
  const types: string[] = [];
  const folders: string[] = [];
  const code = (list: string[], v: string) => {
    const k = list.indexOf(v);
    return k >= 0 ? k : list.push(v) - 1;
  };
  const counts = [...techniqueCounts(c.detections)].sort((a, b) => a[0].localeCompare(b[0]));
  const history = c.history?.releases ?? [];
  const index: SiteWire = {
    v: 2,
    detection: {
      names: c.detections.map((d) => d.name),
      type: c.detections.map((d) => code(types, d.type)),
      folder: c.detections.map((d) => code(folders, d.folder)),
      types,
      folders,
    },
    story: {
      names: c.stories.map((s) => s.name),
      n: c.stories.map((s) => c.detectionsByStory.get(s.name)?.length ?? 0),
    },
    technique: {
      ids: counts.map(([id]) => id),
      names: counts.map(([id]) => getTechnique(id)?.name ?? ''),
      n: counts.map(([, list]) => list.length),
    },
    tactic: { ids: tactics.map((t) => t.id), names: tactics.map((t) => t.name) },
    data_source: {
      names: c.dataSources.map((d) => d.name),
      ids: c.dataSources.map((d) => packId(d.id)),
      st: c.dataSources.map((d) => d.sourcetype ?? ''),
      x: c.dataSources.map((d) => (d.sourcetype ? '' : line(d.description))),
    },
    macro: (() => {
      const ms = c.macros.filter((m) => !m.name.endsWith('_filter'));
      return { names: ms.map((m) => m.name), x: ms.map((m) => line(m.definition)) };
    })(),
    lookup: { names: c.lookups.map((l) => l.name), x: c.lookups.map((l) => line(l.description)) },
    playbook: { names: c.playbooks.map((p) => p.name), x: c.playbooks.map((p) => line(p.type || p.description)) },
    baseline: {
      names: c.baselines.map((b) => b.name),
      ids: c.baselines.map((b) => packId(b.id)),
      x: c.baselines.map((b) => line(b.description)),
    },
    investigation: {
      names: c.investigations.map((i) => i.name),
      ids: c.investigations.map((i) => packId(i.id)),
      x: c.investigations.map((i) => line(i.description)),
    },
    release: { names: history.map((r) => r.tag), dates: history.map((r) => r.date.slice(0, 10)) },
    fix: {},
  };
  const ids: SiteIds = { v: 2, ids: c.detections.map((d) => packId(d.id)) };
  const truth = [...buildDetectionIndex(c).items, ...buildSiteIndex(c).items];
  const got = decodeSiteIndex(index, ids).items;
  if (got.length !== truth.length) throw new Error(`site index: ${got.length} items decoded, ${truth.length} expected`);
  truth.forEach((t, i) => {
    const g = got[i];
    if (g[0] !== t[0] || g[1] !== t[1]) throw new Error(`site index: item ${i} decoded as ${g[1]}, expected ${t[1]}`);
    if (g[2] !== t[2] || g[3] !== t[3] || g[4] !== t[4]) index.fix[i] = [t[2], t[3], t[4]];
  });
  return { index, ids };
}
