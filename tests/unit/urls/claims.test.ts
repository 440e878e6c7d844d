import { describe, expect, it } from 'vitest';
import { claimUrls, type UrlLists } from '../../../src/content/url-claims';
import { nameKey, researchSlug, safeSegment } from '../../../src/content/segment';
import type { Detection, Entry } from '../../../src/content/model';

const story = (name: string, file: string) =>
  ({ kind: 'story', name, filePath: file, id: file, slug: researchSlug(name) }) as unknown as Entry;
const macro = (name: string, file: string) =>
  ({ kind: 'macro', name, filePath: file, id: null, slug: safeSegment(name) }) as unknown as Entry;
const source = (name: string, file: string, id: string) =>
  ({ kind: 'data_source', name, filePath: file, id }) as unknown as Entry;
const det = (folder: string, name: string, file: string, id: string) =>
  ({ kind: 'detection', folder, name, alias: researchSlug(name), filePath: file, id }) as unknown as Detection;
const lists = (over: Partial<UrlLists>): UrlLists => ({
  detections: [],
  stories: [],
  macros: [],
  lookups: [],
  dataSources: [],
  baselines: [],
  investigations: [],
  playbooks: [],
  ...over,
});

describe('names compared as a reader sees them', () => {
  it('ignores case, invisible and bidi characters, whitespace kinds and compatibility forms', () => {
    const k = nameKey('Log4Shell CVE-2021-44228');
    for (const look of [
      'log4shell cve-2021-44228',
      'Log4Shell\u00a0CVE-2021-44228',
      'Log4Shell\tCVE-2021-44228',
      'Log4Shell  CVE-2021-44228',
      'Log4\u200bShell CVE-2021-44228',
      '\u202aLog4Shell CVE-2021-44228\u202c',
      'Log4Shell\u3000CVE-2021-44228',
      'Ｌｏｇ４Ｓｈｅｌｌ CVE-2021-44228',
      'Log\u00ad4Shell CVE-2021-44228',
      '\ufeffLog4Shell CVE-2021-44228 ',
    ]) {
      expect(nameKey(look), JSON.stringify(look)).toBe(k);
    }
    expect(nameKey('Log4Shell CVE-2021-44229')).not.toBe(k);
  });

  it('makes tabs and no-break spaces one "_" in a segment, like a space', () => {
    expect(researchSlug('A\tB')).toBe('a_b');
    expect(researchSlug('A\u00a0B')).toBe('a_b');
    expect(safeSegment('ｓｅｃｕｒｉｔｙ_content')).toBe('security_content');
  });
});

describe('one URL per entry', () => {
  it('leaves out a later story whose URL or name is an earlier one in another spelling, naming both files', () => {
    const real = story('Log4Shell CVE-2021-44228', 'stories/log4shell_cve_2021_44228.yml');
    const forms = [
      'Log4Shell|CVE-2021-44228',
      'LOG4SHELL CVE-2021-44228',
      'Log4Shell\u00a0CVE-2021-44228',
      'Log4Shell\tCVE-2021-44228',
      'Log4\u200bShell CVE-2021-44228',
      'Log4Shell \u202eCVE-2021-44228',
      'Ｌｏｇ４Ｓｈｅｌｌ CVE-2021-44228',
    ];
    const r = claimUrls(lists({ stories: [real, ...forms.map((n, i) => story(n, `stories/z${i}.yml`))] }));
    expect(r.lists.stories).toEqual([real]);
    expect(r.problems.map((p) => `${p.file} ${p.code}`).sort()).toEqual(
      forms.map((_, i) => `stories/z${i}.yml duplicate-slug`),
    );
    for (const p of r.problems) expect(p.message).toContain('stories/log4shell_cve_2021_44228.yml');
  });

  it('compares macro segments without case and keeps the earlier file', () => {
    const real = macro('security_content_ctime', 'macros/security_content_ctime.yml');
    const r = claimUrls(
      lists({
        macros: [
          real,
          macro('security|content_ctime', 'macros/x.yml'),
          macro('Security_Content_Ctime', 'macros/y.yml'),
        ],
      }),
    );
    expect(r.lists.macros).toEqual([real]);
    expect(r.problems.map((p) => p.code)).toEqual(['duplicate-slug', 'duplicate-slug']);
  });

  it('compares names of kinds served by id, per kind', () => {
    const a = source('Sysmon EventID 1', 'data_sources/a.yml', 'id-a');
    const r = claimUrls(
      lists({
        dataSources: [a, source('sysmon\u00a0eventid 1', 'data_sources/b.yml', 'id-b')],
        stories: [story('Sysmon EventID 1', 'stories/s.yml')],
      }),
    );
    expect(r.lists.dataSources).toEqual([a]);
    expect(r.lists.stories).toHaveLength(1);
    expect(r.problems.map((p) => p.file)).toEqual(['data_sources/b.yml']);
  });

  it('refuses a segment that is one of the site files of its folder', () => {
    const r = claimUrls(
      lists({
        stories: [story('index.html', 'stories/i.yml')],
        macros: [macro('feed.xml', 'macros/f.yml'), macro('Layer.JSON', 'macros/l.yml')],
      }),
    );
    expect(r.lists.stories).toEqual([]);
    expect(r.lists.macros).toEqual([]);
    expect(r.problems.map((p) => `${p.file} ${p.code}`)).toEqual([
      'stories/i.yml reserved-name',
      'macros/f.yml reserved-name',
      'macros/l.yml reserved-name',
    ]);
  });

  it('keeps an old detection alias with its first detection', () => {
    const old = det('endpoint', 'Suspicious Thing', 'detections/endpoint/a.yml', 'id-1');
    const r = claimUrls(
      lists({
        detections: [
          old,
          det('endpoint', 'Suspicious|Thing', 'detections/endpoint/b.yml', 'id-2'),
          det('endpoint', 'Suspicious_Thing', 'detections/endpoint/c.yml', 'id-3'),
          det('cloud', 'Suspicious Thing!', 'detections/cloud/d.yml', 'id-4'),
        ],
      }),
    );
    expect(r.lists.detections.map((d) => d.id)).toEqual(['id-1', 'id-4']);
    expect(r.problems.map((p) => `${p.file} ${p.code}`).sort()).toEqual([
      'detections/endpoint/b.yml duplicate-slug',
      'detections/endpoint/c.yml duplicate-slug',
    ]);
    for (const p of r.problems) expect(p.message).toContain('detections/endpoint/a.yml');
  });

  it('keeps the plain spelling whatever the look-alike names its file: a file sorting first does not win', () => {
    const real = story('Log4Shell CVE-2021-44228', 'stories/log4shell_cve_2021_44228.yml');
    const looks = [
      'Log4Shell|CVE-2021-44228',
      'Log4Shell\u00a0CVE-2021-44228',
      'Log4\u200bShell CVE-2021-44228',
      'Ｌｏｇ４Ｓｈｅｌｌ CVE-2021-44228',
    ].map((n, i) => story(n, `stories/${i}_aaa.yml`));
    const r = claimUrls(lists({ stories: [...looks, real] }));
    expect(r.lists.stories).toEqual([real]);
    expect(r.problems.map((p) => p.file).sort()).toEqual(looks.map((l) => l.filePath));
    const m = claimUrls(
      lists({
        macros: [
          macro('security|content_ctime', 'macros/a.yml'),
          macro('security_content_ctime', 'macros/security_content_ctime.yml'),
        ],
      }),
    );
    expect(m.lists.macros.map((x) => x.filePath)).toEqual(['macros/security_content_ctime.yml']);
    const d = claimUrls(
      lists({
        detections: [
          det('endpoint', 'Suspicious\u00a0Thing', 'detections/endpoint/0.yml', 'id-0'),
          det('endpoint', 'Suspicious Thing', 'detections/endpoint/suspicious_thing.yml', 'id-1'),
        ],
      }),
    );
    expect(d.lists.detections.map((x) => x.id)).toEqual(['id-1']);
  });

  it('between two plain spellings, keeps the file git had first, and asks git only about those files', () => {
    const real = story('Log4Shell CVE-2021-44228', 'stories/log4shell_cve_2021_44228.yml');
    const newcomer = story('LOG4SHELL CVE-2021-44228', 'stories/0_new.yml');
    const other = story('Other Story', 'stories/other.yml');
    const asked: string[][] = [];
    const times = (files: string[]) => {
      asked.push(files);
      return new Map([
        [real.filePath, 1_600_000_000],
        [newcomer.filePath, 1_700_000_000],
      ]);
    };
    const r = claimUrls(lists({ stories: [newcomer, real, other] }), times);
    expect(r.lists.stories).toEqual([real, other]);
    expect(r.problems.map((p) => p.file)).toEqual(['stories/0_new.yml']);
    expect(asked.map((f) => [...f].sort())).toEqual([['stories/0_new.yml', 'stories/log4shell_cve_2021_44228.yml']]);
    // Without history, path order decides.
    expect(claimUrls(lists({ stories: [newcomer, real] })).lists.stories).toEqual([newcomer]);
  });

  it('refuses detection folders that are site files or not plain segments', () => {
    const bad = [
      'feed.xml',
      '404.html',
      'index.html',
      '_redirects',
      'content-report.json',
      'api',
      'stories',
      'sitemap-3.xml',
      'a\\b',
      '%2e',
      '%',
      'a?b',
      'a#b',
      'End point',
      'Endpoint',
      '..',
      '-x',
    ];
    const r = claimUrls(
      lists({
        detections: [
          ...bad.map((f, i) => det(f, `N${i}`, `detections/${f}/x.yml`, `id-${i}`)),
          det('endpoint', 'Fine', 'detections/endpoint/ok.yml', 'ok'),
        ],
      }),
    );
    expect(r.lists.detections.map((d) => d.id)).toEqual(['ok']);
    const codes = Object.fromEntries(r.problems.map((p) => [p.file.split('/')[1], p.code]));
    for (const f of [
      'feed.xml',
      '404.html',
      'index.html',
      '_redirects',
      'content-report.json',
      'api',
      'stories',
      'sitemap-3.xml',
    ])
      expect(codes[f], f).toBe('reserved-name');
    for (const f of ['a\\b', '%2e', '%', 'a?b', 'a#b', 'End point', 'Endpoint', '..', '-x'])
      expect(codes[f], f).toBe('invalid-folder');
  });
});
