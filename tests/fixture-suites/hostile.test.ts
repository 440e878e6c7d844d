import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, ROOT, type BuildResult } from '../helpers/build';
import { crawl, htmlFiles } from '../helpers/crawl';
import { serve } from '../../scripts/lib/serve.mjs';
import { findChromium } from '../../scripts/lib/chromium.mjs';

import { hostileContent } from '../fixtures/hostile/runtime';
import { ENV_SENTINEL, OUTSIDE_SENTINEL } from '../fixtures/hostile/runtime/fs';

/** Every file under `dir`, whatever its kind (HTML, JSON, XML, CSV, _redirects…). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

// The committed fixture plus the runtime cases (symlinks, large files), in a temporary copy.
const expected = hostileContent();
const CONTENT = expected.dir;
afterAll(() => expected.remove());

describe('hostile content, default build', () => {
  let r: BuildResult;
  beforeAll(async () => {
    r = await astroBuild('hostile-strict', 'dist-hostile-strict', { CONTENT_DIR: CONTENT, BASE_PATH: '' });
  });

  it('fails with a non-zero exit', () => {
    expect(r.code).not.toBe(0);
  });

  it('names every broken file with its error code, and no stack trace', () => {
    for (const e of expected.errors) expect(r.output).toContain(`error ${e.file}`);
    expect(r.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(r.output).toContain('Build stopped');
  });

  it('still writes the full report, with every error in it', () => {
    const report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as { problems: { severity: string; file: string; code: string }[] };
    const got = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.code}`);
    for (const e of expected.errors) expect(got).toContain(`${e.file} ${e.code}`);
  });

  it('names every symbolic link (files, a kind folder, a subfolder) as a symlink error', () => {
    const report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as { problems: { severity: string; file: string; code: string }[] };
    const links = report.problems.filter((p) => p.code === 'symlink' && p.severity === 'error').map((p) => p.file).sort();
    expect(links).toEqual(['baselines', 'detections/endpoint/fs_linked_detection.yml', 'detections/fs_linked', 'lookups/fs_environ.csv', 'lookups/fs_outside.csv']);
    for (const f of links) expect(r.output).toMatch(new RegExp(`error ${f.replace(/[.]/g, '\\.')}: is a symbolic link`));
  });
});

describe('hostile content, lenient build', () => {
  let r: BuildResult;
  let report: { errors: number; warnings: number; problems: { severity: string; code: string; file: string }[] };
  let browser: Browser;
  beforeAll(async () => {
    r = await astroBuild('hostile', 'dist-hostile', { CONTENT_DIR: CONTENT, CATALOG_LENIENT: '1', BASE_PATH: '' });
    report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8'));
    browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  it('builds', () => {
    expect(r.code).toBe(0);
  });

  it('reports every broken file with the expected code', () => {
    const got = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.code}`);
    for (const e of expected.errors) expect(got).toContain(`${e.file} ${e.code}`);
  });

  it('warns about every file that must draw a warning', () => {
    const got = report.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file} ${p.code}`);
    for (const e of expected.warnings) expect(got).toContain(`${e.file} ${e.code}`);
  });

  it('publishes every valid entry', () => {
    const names = new Set(htmlFiles(r.outDir).map((f) => readFileSync(f, 'utf8').match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? ''));
    const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const titles = new Set([...names].map(decode));
    const missing = expected.published.filter((n) => ![...titles].some((t) => t.includes(n.trim())));
    expect(missing).toEqual([]);
  });

  it('lists every problem on /health/', () => {
    const html = readFileSync(join(r.outDir, 'health', 'index.html'), 'utf8');
    expect(html).toContain(`${report.errors} error`);
    for (const e of expected.errors) expect(html).toContain(e.file.replace(/&/g, '&amp;'));
  });

  it('writes nothing outside the output folder', () => {
    const all = htmlFiles(r.outDir);
    const outside = readdirSync(resolve(r.outDir, '..')).filter((f) => /pwn|etc|passwd|\.\./i.test(f));
    expect(outside).toEqual([]);
    // The fixture names `../../../../tmp/pwned` and `../../etc/passwd`: neither may appear anywhere above.
    for (let up = 1; up <= 6; up++) {
      for (const name of ['pwned', 'pwned_macro', 'pwned_lookup']) {
        expect(existsSync(resolve(r.outDir, '../'.repeat(up), 'tmp', name))).toBe(false);
        expect(existsSync(resolve(r.outDir, '../'.repeat(up), name))).toBe(false);
      }
    }
    // A lookup's `filename: ../../../../../../etc/passwd` is never read into a page.
    expect(all.filter((f) => readFileSync(f, 'utf8').includes('root:x:0:0'))).toEqual([]);
    expect(all.every((f) => resolve(f).startsWith(resolve(r.outDir)))).toBe(true);
  });

  it('has no broken internal links', () => {
    expect(crawl(r.outDir, '/').broken).toEqual([]);
  });

  it('runs no payload on any page: no sentinel, no dialog, only http(s) external links, no content event handlers', async () => {
    const server = await serve(r.outDir, '/');
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    // Redirect pages navigate away on load; their targets are checked by the link crawl.
    const files = htmlFiles(r.outDir)
      .filter((f) => !readFileSync(f, 'utf8').includes('http-equiv="refresh"'))
      .map((f) => f.slice(r.outDir.length + 1).replace(/index\.html$/, ''));
    const problems: string[] = [];
    try {
      for (const f of files) {
        await page.goto(`${server.url}${f.split('/').map(encodeURIComponent).join('/')}`, { waitUntil: 'load' });
        const res = await page.evaluate(async () => {
          const bad: string[] = [];
          // No inline script at all: the CSP (src/lib/site.ts) allows scripts from our own files only.
          const csp = document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
          if (!/script-src 'self'/.test(csp) || /script-src[^;]*(unsafe-inline|sha256-)/.test(csp)) bad.push(`weak CSP: ${csp}`);
          if (document.head.firstElementChild?.nextElementSibling !== document.querySelector('meta[http-equiv="content-security-policy"]')) bad.push('CSP is not first in <head> after the charset');
          for (const sc of document.querySelectorAll('script:not([src])')) bad.push(`inline script: ${(sc.textContent ?? '').slice(0, 60)}`);
          if ((window as unknown as { __pwned?: number }).__pwned) bad.push('sentinel set');
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.getAttributeNames()) if (/^on/i.test(a)) bad.push(`${el.tagName} has ${a}`);
          }
          if (document.querySelector('meta[name="referrer"]')?.getAttribute('content') !== 'strict-origin-when-cross-origin') bad.push('no referrer policy');
          for (const a of document.querySelectorAll('a[href]')) {
            const h = a.getAttribute('href')!;
            const u = new URL(h, location.href);
            if (u.origin !== location.origin && !/^https?:$/.test(u.protocol)) bad.push(`link ${h}`);
            if (u.origin !== location.origin && !/\bnoopener\b.*\bnoreferrer\b|\bnoreferrer\b.*\bnoopener\b/.test(a.getAttribute('rel') ?? '')) bad.push(`external link without rel=noopener noreferrer: ${h}`);
            if (u.origin === location.origin && u.protocol !== 'http:') bad.push(`link ${h}`);
          }
          for (const el of document.querySelectorAll('iframe, object, embed')) bad.push(`element ${el.tagName}`);
          return bad;
        });
        for (const b of res) problems.push(`${f}: ${b}`);
      }
    } finally {
      await server.close();
    }
    // Explore renders result names, story names and snippets in the browser: search for them.
    const explore = await serve(r.outDir, '/');
    try {
      for (const q of ['xss', 'script', 'onerror', 'hostile', 'story:"<"']) {
        await page.goto(`${explore.url}explore/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
        await page.waitForFunction(() => document.querySelector('[data-explore]')?.getAttribute('data-search-ms') !== null);
        const shown = await page.locator('[data-results] > li').count();
        const res = await page.evaluate(() => ({
          pwned: Boolean((window as unknown as { __pwned?: number }).__pwned),
          handlers: [...document.querySelectorAll('[data-results] *, [data-stories] *')].flatMap((el) => el.getAttributeNames().filter((a) => /^on/i.test(a))),
          markup: document.querySelectorAll('[data-results] img, [data-results] script, [data-results] svg, [data-results] iframe').length,
        }));
        if (res.pwned || res.handlers.length || res.markup) problems.push(`explore ?q=${q}: ${JSON.stringify(res)}`);
        if (q === 'xss' && shown === 0) problems.push('explore found no result for "xss": the hostile names were not rendered');
      }
    } finally {
      await explore.close();
    }
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
    console.log(`hostile fixture: ${files.length} pages loaded, explore searched for payload names, payloads executed: 0`);
  });

  it('publishes nothing read through a link: no output file holds the outside sentinel or the environment', () => {
    const leaks: string[] = [];
    const path = process.env.PATH ?? '';
    for (const f of allFiles(r.outDir)) {
      const text = readFileSync(f, 'latin1');
      for (const s of [OUTSIDE_SENTINEL, ENV_SENTINEL, 'HOSTILE_SECRET=', path.length > 20 ? path : ENV_SENTINEL]) if (text.includes(s)) leaks.push(`${f}: ${s.slice(0, 20)}`);
    }
    expect(leaks).toEqual([]);
    expect(allFiles(r.outDir).length).toBeGreaterThan(100);
  });

  it('keeps every page under 3 MB, the bombs included', () => {
    const big = htmlFiles(r.outDir).map((f) => ({ f, size: statSync(f).size })).filter((x) => x.size > 3 * 1024 * 1024);
    expect(big).toEqual([]);
  });

  it('shows a "too large to show" note where a cap cut the content', () => {
    const page = (name: string) => {
      const hit = htmlFiles(r.outDir).find((f) => readFileSync(f, 'utf8').match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.includes(name));
      expect(hit, name).toBeDefined();
      return readFileSync(hit!, 'utf8');
    };
    expect(page('Macro Fan-out Bomb')).toContain('Search with macros expanded: too large to show');
    const drill = page('Drilldown Bomb');
    expect(drill.match(/Too large to show with <code[^>]*>%original_detection_search%<\/code> replaced/g)?.length).toBeGreaterThan(40);
    const huge = page('fs_huge');
    expect(huge).toContain('at least');
    expect(huge).toContain('Too large to show completely');
    expect(page('Wide Source User')).toMatch(/Too large to show: [\d,]+ more fields/);
    expect(page('FS Wide Source')).toMatch(/Too large to show: [\d,]+ more fields/);
    expect(page('Two Megabyte Description')).toMatch(/Too large to show: [\d,]+ more characters/);
    const search = page('Huge Search');
    expect(search).toContain('this search is too large to open from here');
    expect(search).toMatch(/Too large to show: [\d,]+ more characters/);
    expect(page('fs_huge_macro')).toMatch(/Too large to show: [\d,]+ more characters/);
  });
});
