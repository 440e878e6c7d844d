import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { buildIndexes } from '../../../src/domain/catalog/indexes';
import { buildSearchData } from '../../../src/domain/search/records';
import { SearchEngine } from '../../../src/domain/search/engine';
import { OLD_DETECTION, STORY, validCorpus } from '../content/samples';

// The sample detection maps T1204; a second one belongs to a story named exactly `T1204` and
// maps another technique, so a story take-over of the query would put it first.
const hijacker = OLD_DETECTION.replace('name: Sample Shell In Container', 'name: Zzz Story Named Like A Technique')
  .replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', '0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c61')
  .replace('  - T1204', '  - T1059')
  .replace('  - Sample Story', '  - T1204\n  - CVE-2021-44228')
  .replace('sample_shell_in_container_filter', 'zzz_story_named_like_a_technique_filter');
const storyNamed = (name: string, id: string) =>
  STORY.replace('name: Sample Story', `name: ${name}`).replace('6f1e2d3c-4b5a-4968-8776-655443322110', id);

let dir: string;
let engine: SearchEngine;
let cat: ReturnType<typeof loadCatalog>;
beforeAll(() => {
  dir = validCorpus(undefined, {
    'detections/cloud/zzz_story_named_like_a_technique.yml': hijacker,
    'stories/t1204.yml': storyNamed('T1204', '6f1e2d3c-4b5a-4968-8776-655443322111'),
    'stories/cve_2021_44228.yml': storyNamed('CVE-2021-44228', '6f1e2d3c-4b5a-4968-8776-655443322112'),
  });
  cat = loadCatalog(dir);
  const ix = buildIndexes(cat);
  engine = new SearchEngine(JSON.parse(JSON.stringify(buildSearchData(cat.detections, ix.refs, cat.stories))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a story named like an ATT&CK id or CVE', () => {
  it('does not take over the technique query or its banner', () => {
    for (const q of ['T1204', 't1204', ' T1204 ']) {
      const r = engine.search(q);
      expect(
        r.hits.map((i) => engine.data.docs.name[i]),
        q,
      ).toEqual(['Sample Shell In Container']);
      expect(r.stories, q).toEqual([]);
    }
  });

  it('does not take over the CVE query', () => {
    const r = engine.search('CVE-2021-44228');
    expect(r.stories).toEqual([]);
    expect(r.parsed.cves).toEqual(['CVE-2021-44228']);
  });

  it('is still found by its story: prefix', () => {
    expect(engine.search('story:T1204').hits.map((i) => engine.data.docs.name[i])).toEqual([
      'Zzz Story Named Like A Technique',
    ]);
  });

  it('draws a warning', () => {
    const got = cat.problems
      .filter((p) => p.code === 'name-like-id')
      .map((p) => p.file)
      .sort();
    expect(got).toEqual(['stories/cve_2021_44228.yml', 'stories/t1204.yml']);
  });
});

describe('explore result links', () => {
  it('are built by href/paths, every segment encoded', () => {
    const data = JSON.parse(JSON.stringify(engine.data)) as SearchEngine['data'];
    data.dict.folders = data.dict.folders.map(() => `we b#"x?%'`);
    data.storyInfo = data.storyInfo.map((s) => ({ ...s, slug: 'a #?%"b' }));
    const e = new SearchEngine(data);
    expect(e.resultHref(0, '/base/')).toBe(`/base/we%20b%23%22x%3F%25'/${data.docs.id[0]}/`);
    expect(e.storyHref(0, '/')).toBe('/stories/a%20%23%3F%25%22b/');
  });
});
