import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeCatalog, type Catalog } from '../../../src/domain/catalog/index';
import { loadCatalog } from '../../../src/domain/catalog/load';
import {
  decodeSiteIndex,
  packId,
  SiteSearch,
  unpackId,
  type SiteIds,
  type SiteIndex,
  type SiteWire,
} from '../../../src/domain/search/site';
import { buildDetectionIndex, buildSiteIndex, buildSiteWire } from '../../../src/domain/search/site-index';

let c: Catalog;
let search: SiteSearch;
let pages: SiteIndex;
let wire: SiteWire;
let ids: SiteIds;
const first = (q: string) => search.search(q).groups[0]?.hits[0];

beforeAll(() => {
  c = makeCatalog(loadCatalog(join(process.cwd(), 'content')));
  pages = buildSiteIndex(c);
  // Through JSON, as the browser receives both files.
  const sent = buildSiteWire(c);
  wire = JSON.parse(JSON.stringify(sent.index));
  ids = JSON.parse(JSON.stringify(sent.ids));
  search = new SiteSearch(decodeSiteIndex(wire, ids));
});

describe('the header search index', () => {
  it('holds every kind of page but detections, which come apart, and no per-detection filter macro', () => {
    const kinds = new Set(pages.items.map((it) => pages.kinds[it[0]]));
    for (const k of ['story', 'technique', 'tactic', 'data_source', 'macro', 'lookup', 'playbook', 'baseline'])
      expect(kinds).toContain(k);
    expect(kinds).not.toContain('detection');
    expect(pages.items.some((it) => it[1].endsWith('_filter'))).toBe(false);
    expect(pages.items.every((it) => it[3].length <= 48)).toBe(true);
  });

  it('decodes to exactly the items it was made from, with the ids or without them', () => {
    const truth = [...buildDetectionIndex(c).items, ...pages.items];
    expect(decodeSiteIndex(wire, ids).items).toEqual(truth);
    const n = c.detections.length;
    // Before the ids: detections by name, type and folder only; every other page whole.
    const early = decodeSiteIndex(wire).items;
    expect(early.slice(n)).toEqual(pages.items);
    expect(early.slice(0, n)).toEqual(truth.slice(0, n).map(([k, name, , ctx]) => [k, name, '', ctx, '']));
    expect(decodeSiteIndex(wire, null, { detections: false }).items).toEqual(pages.items);
    // Ids for other detections (a stale file beside a new index) are not used.
    expect(decodeSiteIndex(wire, { v: 2, ids: ids.ids.slice(1) }).items[0][2]).toBe('');
    // The file says only what cannot be derived: no path, no detection id.
    const text = JSON.stringify(wire);
    expect(text).not.toContain(c.detections[0].id.replace(/-/g, ''));
    expect(text).not.toContain('stories/');
  });

  it('sends a page whose path breaks the derivation rule whole', () => {
    const moved = { ...c, stories: c.stories.map((s, i) => (i === 1 ? { ...s, slug: `${s.slug}_2` } : s)) };
    const sent = buildSiteWire(moved);
    const at = c.detections.length + 1;
    expect(Object.keys(sent.index.fix)).toEqual([String(at)]);
    const items = decodeSiteIndex(JSON.parse(JSON.stringify(sent.index)), sent.ids).items;
    expect(items[at][2]).toBe(`stories/${c.stories[1].slug}_2/`);
    expect(decodeSiteIndex(sent.index, null, { detections: false }).items[1][2]).toBe(
      `stories/${c.stories[1].slug}_2/`,
    );
  });

  it('packs a lower-case UUID without its dashes and leaves any other id alone', () => {
    const id = 'e3a81cab-522a-43aa-a36c-554587f4fcf6';
    expect(packId(id)).toBe('e3a81cab522a43aaa36c554587f4fcf6');
    expect(unpackId(packId(id))).toBe(id);
    for (const other of ['E3A81CAB-522A-43AA-A36C-554587F4FCF6', 'not-a-uuid', 'e3a81cab522a43aaa36c554587f4fcf6'])
      expect(unpackId(packId(other))).toBe(other === 'e3a81cab522a43aaa36c554587f4fcf6' ? id : other);
  });
});

describe('SiteSearch', () => {
  it('puts an exact name or id first, in its own kind group first', () => {
    expect(first('Kubernetes Security')).toMatchObject({ kind: 'story', exact: true });
    expect(first('t1003')).toMatchObject({ kind: 'technique', path: 'techniques/T1003/', exact: true });
    expect(first('Execution')).toMatchObject({ kind: 'tactic', path: 'tactics/TA0002/' });
    expect(first('kube_container_falco')).toMatchObject({ kind: 'macro', path: 'macros/kube_container_falco/' });
    expect(first('kube:container:falco')).toMatchObject({ kind: 'data_source', name: 'Kubernetes Falco' });
  });

  it('finds a detection by its id, also while it is being pasted', () => {
    expect(first('e3a81cab-522a-43aa-a36c-554587f4fcf6')).toMatchObject({
      kind: 'detection',
      path: 'cloud/e3a81cab-522a-43aa-a36c-554587f4fcf6/',
    });
    expect(first('e3a81cab-522a')).toMatchObject({ kind: 'detection' });
  });

  it('tolerates a typo and a word still being typed', () => {
    expect(first('kubernets secu')).toMatchObject({ kind: 'story', name: 'Kubernetes Security' });
    expect(first('Investigate Kuber')).toMatchObject({ kind: 'investigation' });
  });

  it('requires every word and caps each group', () => {
    expect(search.search('kubernetes zzzzzzzz').groups).toEqual([]);
    for (const g of search.search('windows', 2).groups) expect(g.hits.length).toBeLessThanOrEqual(2);
    expect(search.search('   ').groups).toEqual([]);
  });

  it("exact-only (explore's best match) finds the same named pages, and nothing by a word", () => {
    const exact = new SiteSearch(decodeSiteIndex(wire, null, { detections: false }), { exactOnly: true });
    for (const q of ['Kubernetes Security', 't1003', 'Execution', 'kube_container_falco', 'kube:container:falco'])
      expect(exact.search(q, 1).groups[0]?.hits[0], q).toMatchObject({ path: first(q)!.path, exact: true });
    expect(exact.search('kubernetes').groups).toEqual([]);
  });

  it('takes the detection paths when the ids arrive, keeping its word index', () => {
    const s = new SiteSearch(decodeSiteIndex(wire));
    const id = 'e3a81cab-522a-43aa-a36c-554587f4fcf6';
    expect(s.search(id).groups).toEqual([]);
    expect(s.search('AWS Console Login From New Country').groups[0].hits[0].path).toBe('');
    expect(s.withPaths(decodeSiteIndex(wire, ids))).toBe(true);
    expect(s.search(id).groups[0].hits[0]).toMatchObject({ path: `cloud/${id}/`, exact: true });
    expect(s.search('AWS Console Login From New Country').groups[0].hits[0].path).toBe(`cloud/${id}/`);
    // Other pages (another build's file) are not taken.
    expect(s.withPaths(decodeSiteIndex(wire, null, { detections: false }))).toBe(false);
  });
});
