import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_KEYS, KINDS, kindCounts, pageOf, problemPage, type KindKey } from '../../../src/content/kinds';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { lintRiskySpl } from '../../../src/domain/lint/lint-spl';
import { BuildSession, openSession } from '../../../src/build/session';
import { claimUrls, type UrlLists } from '../../../src/content/url-claims';
import { paths } from '../../../src/domain/urls';
import { SITE_TOP_LEVEL } from '../../../src/content/reserved';

const ROOT = process.cwd();
const sample = loadCatalog(join(ROOT, 'content'));

describe('the kinds table', () => {
  it('names the content folders the README documents, in its order', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const layout = /`CONTENT_DIR` is a folder in the security_content layout \(([^)]*)\)/.exec(readme)?.[1] ?? '';
    const folders = [...layout.matchAll(/`([^`/]+)\//g)].map((m) => m[1]);
    expect(folders).toEqual(KINDS.map((k) => k.folder));
  });

  it('is what the loader loads: the sample content holds entries of every kind, each from its folder', () => {
    expect(Object.keys(sample)).toEqual(['contentDir', 'files', ...KIND_KEYS, 'problems']);
    for (const k of KINDS) {
      const list = sample[k.key] as { kind: string; filePath: string }[];
      expect(list.length, k.key).toBeGreaterThan(0);
      for (const e of list) {
        expect(e.kind).toBe(k.kind);
        expect(e.filePath.startsWith(`${k.folder}/`), e.filePath).toBe(true);
      }
    }
    expect(sample.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('gives the content report one count per kind, in the table order', () => {
    const counts = kindCounts(sample);
    expect(Object.keys(counts)).toEqual(KIND_KEYS);
    for (const k of KINDS) expect(counts[k.key]).toBe(sample[k.key].length);
  });

  it('puts every entry at the page lib/urls links to', () => {
    const linkOf: Record<KindKey, (e: never) => string> = {
      detections: paths.detection, stories: paths.story, macros: paths.macro, lookups: paths.lookup,
      dataSources: paths.dataSource, baselines: paths.baseline, investigations: paths.investigation, playbooks: paths.playbook,
    };
    for (const k of KINDS) for (const e of sample[k.key]) expect(pageOf(k, e)).toBe(linkOf[k.key](e as never));
  });

  it('links a problem on /health/ to the page of the entry it names, for every kind', () => {
    for (const k of KINDS) {
      const e = sample[k.key][0] as unknown as Record<string, string>;
      expect(problemPage({ kind: k.kind, key: e[k.problemKey] }, sample), k.key).toBe(pageOf(k, e));
      expect(problemPage({ kind: k.kind, key: 'no such entry' }, sample)).toBeNull();
    }
    // The keys the checks really name entries by: nothing in the sample is left out, so each finds its page.
    const named = sample.problems.filter((p) => p.entry);
    expect(new Set(named.map((p) => p.entry!.kind)).size).toBeGreaterThan(1);
    for (const p of named) expect(problemPage(p.entry!, sample), `${p.file} ${p.code}`).not.toBeNull();
  });

  it('finds the entry a search check names, when its name, slug and id differ', () => {
    const risky = '| outputlookup x';
    const renamed = <T extends { name: string }>(e: T, extra: Partial<T>): T => ({ ...e, name: `Renamed ${e.name}`, ...extra });
    const lists = {
      ...sample,
      detections: [renamed(sample.detections[0], { search: risky, drilldowns: [] })],
      macros: [renamed(sample.macros[0], { definition: risky })],
      baselines: [renamed(sample.baselines[0], { search: risky })],
      investigations: [renamed(sample.investigations[0], { search: risky })],
    };
    const found = lintRiskySpl(lists).map((p) => [p.entry!.kind, problemPage(p.entry!, lists)]);
    const pages = KINDS.filter((k) => ['detection', 'macro', 'baseline', 'investigation'].includes(k.kind)).map((k) => [k.kind, pageOf(k, lists[k.key][0])]);
    expect(found.sort()).toEqual(pages.sort());
  });

  it('claims a URL for every kind but detections under its URL folder', () => {
    for (const k of KINDS.filter((x) => x.url.folder !== null)) {
      const e = sample[k.key][0];
      const lists = Object.fromEntries(KINDS.map((x) => [x.key, x.key === k.key ? [e, { ...e, filePath: `${k.folder}/zz_copy.yml` }] : []])) as unknown as UrlLists;
      const { problems } = claimUrls(lists);
      expect(problems.map((p) => [p.file, p.code]), k.key).toEqual([[`${k.folder}/zz_copy.yml`, 'duplicate-slug']]);
      expect(problems[0].message).toContain(`/${pageOf(k, e)}`);
    }
  });

  it('keeps every URL folder among the names the site reserves', () => {
    for (const k of KINDS) if (k.url.folder) expect(SITE_TOP_LEVEL).toContain(k.url.folder);
  });

  it('names exactly the entity lists of the API, and each lists every entry of its kind', async () => {
    const routes = readdirSync(join(ROOT, 'src/pages/api')).filter((f) => f.endsWith('.json.ts')).map((f) => f.replace(/\.ts$/, ''));
    // Besides the kinds' lists, the API has the releases, which come from the git history.
    expect([...KINDS.flatMap((k) => (k.api ? [k.api.file] : [])), 'releases.json'].sort()).toEqual(routes.sort());
    openSession(new BuildSession(join(ROOT, 'content'), () => sample));
    for (const k of KINDS) {
      if (!k.api) continue;
      const route = (await import(`../../../src/pages/api/${k.api.file}.ts`)) as { GET: (ctx: { site: URL }) => Promise<Response> };
      const body = (await (await route.GET({ site: new URL('http://127.0.0.1/') })).json()) as Record<string, unknown[]>;
      expect(Object.keys(body), k.api.file).toEqual([k.api.key]);
      expect(body[k.api.key]).toHaveLength(sample[k.key].length);
    }
  });
});
