import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { buildIndexes } from '../../../src/domain/catalog/indexes';
import {
  detectionInputs,
  detectionRows,
  detectionView,
  macroView,
  storyInputs,
  storyView,
  techniqueView,
} from '../../../src/views/pages';
import { fingerprintEntities } from '../../../src/build/routes';
import { Fingerprinter } from '../../../src/build/incremental';
import { tactics } from '../../../src/domain/attack';

const loaded = loadCatalog(join(process.cwd(), 'content'));
const c = { ...loaded, ...buildIndexes(loaded) };

/** Views are everything an entity page shows; these check they carry what the pages need. */
describe('page views over the sample content', () => {
  it('a story: its detections, their data sources (defined or not) and its ATT&CK rows in matrix order', () => {
    const s = c.stories.find((x) => x.name === 'Kubernetes Security')!;
    const v = storyView(storyInputs(s, c));
    expect(v.detections.length).toBeGreaterThan(0);
    expect(v.detections.every((d) => c.detectionById.get(d.id)!.stories.includes(s.name))).toBe(true);
    const names = v.dataSources.map((x) => x.name);
    expect(names).toEqual([...new Set(v.detections.flatMap((d) => d.dataSources))].sort());
    expect(v.dataSources.find((x) => x.name === 'Kubernetes Falco')?.entity?.name).toBe('Kubernetes Falco');
    const execution = v.attack.find((r) => r.ta.name === 'Execution');
    expect(execution?.techniques.map((t) => t.id)).toContain('T1204');
    const positions = v.attack.map((r) => tactics.findIndex((t) => t.id === r.ta.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('a technique: detections of its sub-techniques too, told apart from direct ones', () => {
    const v = techniqueView('T1059', c);
    const viaSub = v.all.filter((d) => !v.direct.includes(d.id));
    expect(viaSub.length).toBeGreaterThan(0);
    for (const d of viaSub) expect(d.mitreIds.some((m) => m.startsWith('T1059.'))).toBe(true);
    for (const id of v.direct) expect(c.detectionById.get(id)!.mitreIds).toContain('T1059');
    const ps = v.subs.find((s) => s.id === 'T1059.001');
    expect(ps).toMatchObject({ name: 'PowerShell' });
    expect(ps!.n).toBe(v.all.filter((d) => d.mitreIds.includes('T1059.001')).length);
  });

  it('a macro: the detections using it and the lookups its definition reaches', () => {
    const v = macroView(c.macroByName.get('remote_admin_tool_names')!, c);
    expect(v.lookups).toEqual([{ name: 'remote_admin_tools', entity: c.lookupByName.get('remote_admin_tools') }]);
    expect(v.used.map((d) => d.name)).toContain('Windows Remote Admin Tool Execution');
  });

  it('a page listing a detection shows, and is fingerprinted by, only what the list shows', () => {
    const s = c.stories.find((x) => x.name === 'Kubernetes Security')!;
    const fp = (cat: typeof c) => {
      const f = new Fingerprinter([cat.detections, detectionRows(cat.detections), cat.stories]);
      return f.fingerprint(storyInputs(s, cat));
    };
    const edit = (change: Record<string, unknown>) => {
      const target = storyInputs(s, c).view.detections[0]!.id;
      const detections = loaded.detections.map((d) => (d.id === target ? { ...d, ...change } : d));
      const l2 = { ...loaded, detections };
      return { ...l2, ...buildIndexes(l2) };
    };
    const before = fp(c);
    // Not shown in a story's list: the story page stays as it was.
    expect(fp(edit({ description: 'changed', howToImplement: 'changed' }))).toBe(before);
    // Shown: it is rendered again (the search is in the story's Try in Splunk and its Copy all).
    expect(fp(edit({ search: '| makeresults' }))).not.toBe(before);
    expect(fp(edit({ name: 'Renamed Detection' }))).not.toBe(before);
    expect(fp(edit({ status: 'deprecated' }))).not.toBe(before);
    expect(fp(edit({ mitreIds: ['T1078'] }))).not.toBe(before);
  });

  it("a detection page's inputs change with everything its view shows, and only then", () => {
    const splunk = { base: 'http://localhost:8000', app: 'search' };
    const d0 = c.detections.find((x) => x.search.includes('`') && x.drilldowns.length > 0)!;
    const macroName = /`([a-z0-9_]+)/.exec(d0.search)![1]!;
    const fp = (cat: typeof c) => {
      const d = cat.detectionById.get(d0.id)!;
      return new Fingerprinter(fingerprintEntities(cat)).fingerprint(detectionInputs(d, cat, splunk));
    };
    const rebuilt = (detections: typeof loaded.detections, macros = loaded.macros) => {
      const l2 = { ...loaded, detections, macros };
      return { ...l2, ...buildIndexes(l2) };
    };
    const before = fp(c);
    expect(fp(rebuilt([...loaded.detections]))).toBe(before);
    // The view is computed from the inputs alone.
    const v = detectionView(detectionInputs(d0, c, splunk));
    expect(v.variants.raw).toBe(d0.search);
    expect(v.drilldowns.length).toBe(d0.drilldowns.length);
    // A macro the search calls: its expansion is on the page.
    const macros = loaded.macros.map((m) =>
      m.name === macroName ? { ...m, definition: `${m.definition} | eval edited=1` } : m,
    );
    expect(fp(rebuilt(loaded.detections, macros))).not.toBe(before);
    // Its own search.
    expect(
      fp(rebuilt(loaded.detections.map((x) => (x.id === d0.id ? { ...x, search: `${x.search} | head 1` } : x)))),
    ).not.toBe(before);
    // Another detection's description: not shown here.
    const other = loaded.detections.find((x) => x.id !== d0.id)!;
    expect(fp(rebuilt(loaded.detections.map((x) => (x.id === other.id ? { ...x, description: 'changed' } : x))))).toBe(
      before,
    );
  });
});
