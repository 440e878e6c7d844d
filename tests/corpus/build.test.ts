import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { caseCollisions } from '../../src/build/case-collisions';
import { describe, expect, it } from 'vitest';
import { build, corpus, DIST, page } from './corpus';
import { crawl } from '../helpers/crawl';
import { KINDS, pageOf } from '../../src/content/kinds';

describe('corpus build', () => {
  it('succeeds with zero content errors', () => {
    expect(build.code).toBe(0);
    const report = JSON.parse(readFileSync(join(DIST, 'content-report.json'), 'utf8'));
    expect(report.errors).toBe(0);
    console.log(
      `corpus: built in ${build.seconds.toFixed(1)}s; ${report.warnings} warnings: ${report.byCode.map((c: { code: string; count: number }) => `${c.code} ${c.count}`).join(', ')}`,
    );
  });

  it('has exactly 1711 detection pages at /<folder>/<id>/', () => {
    const dets = corpus().detections;
    expect(dets).toHaveLength(1711);
    const missing = dets.filter((d) => !existsSync(join(DIST, d.folder, d.id, 'index.html')));
    expect(missing.map((d) => d.filePath)).toEqual([]);
  });

  it('has a page for every story, macro, data source, lookup, baseline, investigation and playbook', () => {
    const c = corpus();
    expect(c.stories).toHaveLength(261);
    expect(c.macros).toHaveLength(189);
    expect(c.dataSources).toHaveLength(205);
    const missing = KINDS.filter((k) => k.key !== 'detections')
      .flatMap((k) => (c[k.key] as { id: string | null; slug?: string }[]).map((e) => pageOf(k, e)))
      .filter((p) => !existsSync(join(DIST, p, 'index.html')));
    expect(missing).toEqual([]);
  });

  it('each story page lists exactly the detections that name it', () => {
    const c = corpus();
    const bad: string[] = [];
    for (const s of c.stories) {
      const html = page(`stories/${s.slug}`);
      const listed = new Set(
        [...html.matchAll(/href="\/(?:application|cloud|endpoint|network|web|deprecated)\/([0-9a-f-]{36})\/"/g)].map(
          (m) => m[1],
        ),
      );
      const expected = new Set(c.detections.filter((d) => d.stories.includes(s.name)).map((d) => d.id));
      if (listed.size !== expected.size || [...expected].some((id) => !listed.has(id))) bad.push(s.name);
    }
    expect(bad).toEqual([]);
  });

  it('has no broken internal links', () => {
    const r = crawl(DIST, '/');
    console.log(`corpus crawl: ${r.pages} pages, ${r.links} internal links, ${r.broken.length} broken`);
    expect(r.broken.slice(0, 20)).toEqual([]);
  });

  it('has no two output paths equal but for case, and keeps old playbook links as _redirects rules', () => {
    const files = readdirSync(DIST, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(DIST, join(e.parentPath, e.name)).split(sep).join('/'));
    expect(caseCollisions(files).slice(0, 20)).toEqual([]);
    // The playbook stems that differ from their pages only in case: no stub file, but a 301 rule.
    const rules = readFileSync(join(DIST, '_redirects'), 'utf8');
    const stems = corpus().playbooks.filter((p) => p.stem !== p.slug && p.stem.toLowerCase() === p.slug);
    expect(stems.length).toBeGreaterThan(0);
    for (const p of stems) expect(rules).toContain(`/playbooks/${p.stem}/ /playbooks/${p.slug}/ 301`);
  });
});
