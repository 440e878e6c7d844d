import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST, corpus } from './corpus';
import { decodeSiteIndex, SiteSearch, type SiteKind } from '../../src/domain/search/site';
import { SearchEngine } from '../../src/domain/search/engine';
import { exploreCount } from '../../src/domain/search/count';
import { matchesTechnique } from '../../src/domain/search/query';

/** The header's files as the browser gets them, over the built corpus. */
const read = (f: string) => readFileSync(join(DIST, f));
const wire = JSON.parse(read('site-index.json').toString());
const ids = JSON.parse(read('site-detections.json').toString());
const full = new SiteSearch(decodeSiteIndex(wire, ids));
// What the box searches between the first file and the ids: every query must already work.
const early = new SiteSearch(decodeSiteIndex(wire));

const firstOfKind = (s: SiteSearch, q: string, kind: SiteKind) =>
  s.search(q).groups.find((g) => g.kind === kind)?.hits[0];

describe('the header search over the corpus', () => {
  it('loads at most 60 KB gzipped on first focus; the ids come apart', () => {
    const kb = (f: string) => gzipSync(read(f)).length / 1024;
    console.log(
      `header index: ${kb('site-index.json').toFixed(1)} KB gzipped, ids ${kb('site-detections.json').toFixed(1)} KB`,
    );
    expect(kb('site-index.json')).toBeLessThanOrEqual(60);
  });

  const done: [string, SiteKind, string][] = [
    ['Kubernetes Security', 'story', 'stories/kubernetes_security/'],
    ['T1204', 'technique', 'techniques/T1204/'],
    ['kube_container_falco', 'macro', 'macros/kube_container_falco/'],
    ['Execution', 'tactic', 'tactics/TA0002/'],
  ];
  it("offers the issue's pages first of their kind, before and after the ids arrive, typos forgiven", () => {
    const sysmon = corpus().dataSources.find((d) => d.name === 'Sysmon EventID 1')!;
    const cases: [string, SiteKind, string][] = [...done, ['Sysmon EventID 1', 'data_source', `sources/${sysmon.id}/`]];
    for (const s of [early, full])
      for (const [q, kind, path] of cases) {
        expect(firstOfKind(s, q, kind), q).toMatchObject({ path, exact: true });
        // The exact page leads the whole list.
        expect(s.search(q).groups[0].hits[0].path, q).toBe(path);
      }
    const typos: [string, SiteKind, string][] = [
      ['Kubernetes Securty', 'story', 'stories/kubernetes_security/'],
      ['kubernets security', 'story', 'stories/kubernetes_security/'],
      ['kube_contaner_falco', 'macro', 'macros/kube_container_falco/'],
      ['Executon', 'tactic', 'tactics/TA0002/'],
      ['sysmon eventid 1', 'data_source', `sources/${sysmon.id}/`],
    ];
    for (const [q, kind, path] of typos) expect(firstOfKind(full, q, kind)?.path, q).toBe(path);
  });

  it('takes every exact detection id to its page', () => {
    const bad = corpus()
      .detections.filter((d) => full.search(d.id).groups[0]?.hits[0]?.path !== `${d.folder}/${d.id}/`)
      .map((d) => d.id);
    expect(bad).toEqual([]);
  });

  it('counts "See all N detections" as explore shows them', () => {
    const data = JSON.parse(read('search-index.json').toString());
    const engine = new SearchEngine(data);
    const withText = new SearchEngine(data);
    expect(withText.attachText(JSON.parse(read('search-text.json').toString()))).toBe(true);
    const live = corpus().detections.filter((d) => d.status !== 'deprecated');
    expect(exploreCount(engine, withText, 'T1204')).toBe(
      live.filter((d) => matchesTechnique(d.mitreIds, 'T1204')).length,
    );
    // No detection is named after the macro: explore finds them by their SPL.
    const calls = live.filter((d) => d.search.includes('`kube_container_falco`')).length;
    expect(calls).toBeGreaterThan(0);
    expect(exploreCount(engine, withText, 'kube_container_falco')).toBe(calls);
    expect(exploreCount(engine, null, 'kube_container_falco')).toBeNull();
    // A technique id no detection has: nothing, and the search text is not needed to say so.
    expect(exploreCount(engine, null, 'T1204x')).toBe(0);
  });
});
