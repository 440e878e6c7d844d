import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeCatalog } from '../../../src/domain/catalog/index';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { SiteSearch, type SiteIndex } from '../../../src/domain/search/site';
import { buildDetectionIndex, buildSiteIndex } from '../../../src/domain/search/site-index';

let search: SiteSearch;
let pages: SiteIndex;
const first = (q: string) => search.search(q).groups[0]?.hits[0];

beforeAll(() => {
  const c = makeCatalog(loadCatalog(join(process.cwd(), 'content')));
  // Through JSON, as the browser receives both files.
  pages = JSON.parse(JSON.stringify(buildSiteIndex(c)));
  const dets = JSON.parse(JSON.stringify(buildDetectionIndex(c))) as SiteIndex;
  search = new SiteSearch({ ...pages, items: [...dets.items, ...pages.items] });
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
});
