import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, corpus } from './corpus';
import { SearchEngine } from '../../src/domain/search/engine';
import { matchesTechnique } from '../../src/domain/search/query';

/** Runs the browser's search code over the built index, for every technique id and story. */
const engine = new SearchEngine(JSON.parse(readFileSync(join(DIST, 'search-index.json'), 'utf8')));
const ids = (hits: number[]) => hits.map((i) => engine.data.docs.id[i]);
/** Every status, so the hidden ones (deprecated, removed) are searched too. */
const ALL = { status: engine.data.dict.statuses };

describe('search over the corpus index', () => {
  it('a technique id returns every detection mapped to it or its sub-techniques first', () => {
    const c = corpus();
    const all = new Set(c.detections.flatMap((d) => d.mitreIds));
    const parents = new Set([...all].map((t) => t.split('.')[0]));
    const bad: string[] = [];
    for (const t of new Set([...all, ...parents])) {
      const expected = new Set(c.detections.filter((d) => matchesTechnique(d.mitreIds, t)).map((d) => d.id));
      const got = ids(engine.search(t.toLowerCase(), ALL).hits);
      const head = new Set(got.slice(0, expected.size));
      if (head.size !== expected.size || [...expected].some((id) => !head.has(id))) bad.push(t);
    }
    expect(bad).toEqual([]);
    expect(ids(engine.search('T1204').hits).length).toBe(
      c.detections.filter((d) => matchesTechnique(d.mitreIds, 'T1204') && d.status !== 'deprecated').length,
    );
    const near = engine.search('T1204x');
    expect(near.hits).toEqual([]);
    expect(near.unknown).toEqual([{ id: 'T1204X', malformed: true }]);
  });

  it("an exact story name returns that story's detections first, and names the story", () => {
    const c = corpus();
    const bad: string[] = [];
    for (const s of c.stories) {
      const expected = new Set(c.detections.filter((d) => d.stories.includes(s.name)).map((d) => d.id));
      const r = engine.search(s.name, ALL);
      const head = new Set(ids(r.hits).slice(0, expected.size));
      if ([...expected].some((id) => !head.has(id))) bad.push(s.name);
      if (expected.size && engine.data.dict.stories[r.stories[0]] !== s.name) bad.push(`${s.name} (story group)`);
    }
    expect(bad).toEqual([]);
  });

  it('a name with one missing letter finds the detection in the top 3', () => {
    const c = corpus();
    const misses: string[] = [];
    for (const d of c.detections) {
      const k = Math.floor(d.name.length / 2);
      const typo = d.name.slice(0, k) + d.name.slice(k + 1);
      if (!ids(engine.search(typo, ALL).hits.slice(0, 3)).includes(d.id)) misses.push(`${d.name} → ${typo}`);
    }
    console.log(
      `typo sweep: ${misses.length} of ${c.detections.length} names not in the top 3 with one letter dropped\n${misses.slice(0, 10).join('\n')}`,
    );
    // Near-identical names (e.g. numbered variants) may legitimately outrank each other.
    expect(misses.length, misses.slice(0, 10).join('\n')).toBeLessThanOrEqual(Math.ceil(c.detections.length * 0.005));
  });

  it('a CVE id matches exactly', () => {
    const d = corpus().detections.find((x) => x.cves.length)!;
    const got = ids(engine.search(d.cves[0]).hits);
    expect(got).toContain(d.id);
    expect(
      got.every((id) =>
        corpus()
          .detections.find((x) => x.id === id)!
          .cves.includes(d.cves[0]),
      ),
    ).toBe(true);
  });
});

describe('exact values and facets over the corpus index', () => {
  it('ds:"Sysmon EventID 1" is exactly the source\'s detections, less the deprecated ones', () => {
    const c = corpus();
    const src = 'Sysmon EventID 1';
    const expected = c.detections.filter((d) => d.dataSources.includes(src) && d.status !== 'deprecated');
    const got = ids(engine.search(`ds:"${src}"`).hits);
    console.log(
      `ds:"${src}": ${got.length} (all statuses: ${c.detections.filter((d) => d.dataSources.includes(src)).length})`,
    );
    expect(new Set(got)).toEqual(new Set(expected.map((d) => d.id)));
    expect(got.length).toBe(engine.search('', { ds: [src] }).hits.length);
  });

  it('every value of every facet is offered with a count and selecting it returns that many', () => {
    const r = engine.search('', ALL);
    const bad: string[] = [];
    for (const [facet, values] of Object.entries(r.facets) as [keyof typeof r.facets, Map<string, number>][]) {
      const all = new Set(engine.search('', ALL).hits.flatMap((i) => engine.values(i, facet)));
      for (const v of all) {
        const n = values.get(v);
        const got = engine.search('', { ...ALL, [facet]: [v] }).hits.length;
        if (!n || got !== n) bad.push(`${facet}=${v}: offered ${n}, selected ${got}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
