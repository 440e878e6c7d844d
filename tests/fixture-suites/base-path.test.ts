import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../helpers/build';
import { crawl } from '../helpers/crawl';

/** The sample site built for a sub-path: every internal link must carry the base. */
describe('BASE_PATH=/catalog build', () => {
  let r: BuildResult;
  beforeAll(async () => {
    r = await astroBuild('base-path', 'dist-base', {
      CONTENT_DIR: './content',
      BASE_PATH: '/catalog',
      SITE_URL: 'https://example.org',
    });
  });

  it('builds', () => {
    expect(r.code).toBe(0);
  });

  it('passes the link crawl when served under /catalog/', () => {
    const res = crawl(r.outDir, '/catalog/', 'https://example.org');
    expect(res.pages).toBeGreaterThan(20);
    expect(res.broken).toEqual([]);
  });

  it('writes no root-relative link that misses the base', () => {
    const html = readFileSync(join(r.outDir, 'index.html'), 'utf8');
    const bad = [...html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)]
      .map((m) => m[1])
      .filter((u) => !u.startsWith('/catalog/'));
    expect(bad).toEqual([]);
    expect(existsSync(join(r.outDir, '_redirects'))).toBe(true);
    const redirects = readFileSync(join(r.outDir, '_redirects'), 'utf8').trim().split('\n');
    expect(redirects.every((l) => /^\/catalog\/\S+ \/catalog\/\S+ 301$/.test(l))).toBe(true);
  });

  it('writes _headers for the files under /catalog/ only', () => {
    const rules = readFileSync(join(r.outDir, '_headers'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('  '));
    expect(rules).toEqual(['/catalog/*']);
  });
});
