import type { Catalog } from '../catalog/index.ts';
import { getTechnique, tactics } from '../attack/index.ts';
import { techniqueCounts } from '../navigator/layer.ts';
import { paths } from '../urls/index.ts';
import { snippet } from '../../lib/text/rich.ts';
import { counted } from '../../lib/text/plural.ts';
import { SITE_KINDS, type SiteIndex, type SiteItem, type SiteKind } from './site.ts';

/** Builds the header search's two files (site.ts reads them); build-time only. */

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
