import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, ROOT, type BuildResult } from '../helpers/build';
import { crawl, htmlFiles } from '../helpers/crawl';
import { serve } from '../../scripts/lib/serve.mjs';
import { findChromium } from '../../scripts/lib/chromium.mjs';

import { hostileContent } from '../fixtures/hostile/runtime';
import { FORGED_NAMES } from '../fixtures/hostile/runtime/text';
import { caseCollisions } from '../../src/build/case-collisions';
import { ENV_SENTINEL, OUTSIDE_SENTINEL } from '../fixtures/hostile/runtime/fs';
import { sarifErrors } from '../helpers/sarif';
import { terminalSafe } from '../../src/lib/text/clean';
import { parseCommand } from '../helpers/workflow-commands';

/** Every file under `dir`, whatever its kind (HTML, JSON, XML, CSV, _redirects…). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

// The committed fixture plus the runtime cases (symlinks, large files), in a temporary copy.
const expected = hostileContent();
// The URL cases of cases_urls.py: which file imitates which, and the text only look-alikes carry.
const urls = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/hostile/expected.json'), 'utf8')) as {
    urls: { mark: string; collisions: { kind: string; form: string; file: string; other: string; original: string }[] };
  }
).urls;
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
    const report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as {
      problems: { severity: string; file: string; code: string }[];
    };
    const got = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.code}`);
    for (const e of expected.errors) expect(got).toContain(`${e.file} ${e.code}`);
  });

  it('prints file names and values on one line: no forged CI command, no escape sequence from content', () => {
    for (const line of r.output.split(/\r\n|\r|\n/)) expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(r.output).not.toContain('\u001b[2J');
    expect(r.output).not.toContain('\u001b[31m');
    expect(r.output).toContain('error detections/endpoint/evil\\n::error::forged\\r::set-output');
    expect(r.output).toContain('error detections/endpoint/ansi\\x1b[2J');
    const report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as {
      problems: { severity: string; file: string; code: string }[];
    };
    for (const f of FORGED_NAMES)
      expect(
        report.problems.some((p) => p.file === f && p.severity === 'error' && p.code === 'yaml-syntax'),
        f,
      ).toBe(true);
  });

  it('publishes CONTENT_DIR in the report only as its last folder name', () => {
    const text = readFileSync(join(r.outDir, 'content-report.json'), 'utf8');
    expect(text).not.toContain(CONTENT);
    // The fixture's own names hold `../../../../tmp/pwned`: look for the temporary folder itself.
    expect(text).not.toContain(`${dirname(CONTENT)}/hostile-content`);
    expect((JSON.parse(text) as { contentDir: string }).contentDir).toBe(basename(CONTENT));
  });

  it('names both files of every URL collision (look-alike names, old aliases) on one line', () => {
    expect(urls.collisions.length).toBeGreaterThan(30);
    const lines = r.output.split('\n');
    for (const c of urls.collisions) {
      const line = lines.find((l) => l.includes(`error ${c.file}`) && l.includes(c.other));
      expect(line, `${c.kind} ${c.form}: ${c.file}`).toBeDefined();
    }
  });

  it('names every symbolic link (files, a kind folder, a subfolder) as a symlink error', () => {
    const report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as {
      problems: { severity: string; file: string; code: string }[];
    };
    const links = report.problems
      .filter((p) => p.code === 'symlink' && p.severity === 'error')
      .map((p) => p.file)
      .sort();
    expect(links).toEqual([
      'baselines',
      'detections/endpoint/fs_linked_detection.yml',
      'detections/fs_linked',
      'lookups/fs_environ.csv',
      'lookups/fs_environ.yml',
      'lookups/fs_outside.csv',
      'lookups/fs_outside.yml',
    ]);
    for (const f of links.filter((l) => !l.endsWith('.yml') || l.startsWith('detections/')))
      expect(r.output).toMatch(new RegExp(`error ${f.replace(/[.]/g, '\\.')}: is a symbolic link`));
    for (const f of ['lookups/fs_environ.yml', 'lookups/fs_outside.yml'])
      expect(r.output).toContain(`error ${f} [filename]: its data file`);
  });
});

/** A value as an annotation shows it: line breaks kept (escaped for the runner), other controls made visible. */
const asAnnotated = (s: string) =>
  s
    .split(/(\r|\n)/)
    .map((part) => (part === '\r' || part === '\n' ? part : terminalSafe(part)))
    .join('');

describe('hostile content, CATALOG_REPORT=github (pull-request annotations)', () => {
  let r: BuildResult;
  let problems: { severity: string; file: string; code: string; line: number | null; column: number | null }[];
  beforeAll(async () => {
    r = await astroBuild('hostile-github', 'dist-hostile-github', {
      CONTENT_DIR: CONTENT,
      BASE_PATH: '',
      CATALOG_REPORT: 'github',
    });
    problems = (
      JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8')) as { problems: typeof problems }
    ).problems;
  });

  it('prints one correct workflow command per problem, and no other line starting with ::', () => {
    const commands = r.output.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('::'));
    expect(problems.length).toBeGreaterThan(20);
    expect(commands).toHaveLength(problems.length);
    commands.forEach((line, i) => {
      const c = parseCommand(line);
      const p = problems[i];
      expect(c, line).not.toBeNull();
      expect(c!.command).toBe(p.severity);
      // The fixture is in the OS temp folder, outside any repository: paths are CONTENT_DIR's.
      expect(c!.props.file).toBe(asAnnotated(p.file));
      expect(c!.props.line).toBe(p.line ? String(p.line) : undefined);
      expect(c!.props.col).toBe(p.line && p.column ? String(p.column) : undefined);
      expect(c!.props.title).toMatch(new RegExp(`^${p.code}: `));
    });
    // The forged names reach GitHub as the file names they are.
    for (const f of FORGED_NAMES)
      expect(
        commands.some((l) => parseCommand(l)?.props.file === asAnnotated(f)),
        f,
      ).toBe(true);
  });

  it('writes content-report.sarif, valid SARIF 2.1.0 with one result per problem', () => {
    const log = JSON.parse(readFileSync(join(r.outDir, 'content-report.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((x) => x.ruleId)).toEqual(problems.map((p) => p.code));
  });
});

describe('hostile content, lenient build', () => {
  let r: BuildResult;
  let report: { errors: number; warnings: number; problems: { severity: string; code: string; file: string }[] };
  let browser: Browser;
  beforeAll(async () => {
    r = await astroBuild('hostile', 'dist-hostile', { CONTENT_DIR: CONTENT, CATALOG_LENIENT: '1', BASE_PATH: '' });
    report = JSON.parse(readFileSync(join(r.outDir, 'content-report.json'), 'utf8'));
    browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
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
    const names = new Set(
      htmlFiles(r.outDir).map((f) => readFileSync(f, 'utf8').match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? ''),
    );
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
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

  it('runs no payload and breaks no CSP rule on any page: no sentinel, no dialog, only http(s) external links, no content event handlers, no style attribute, no violation reported by Chromium', async () => {
    const server = await serve(r.outDir, '/');
    const page = await browser.newPage();
    // Before any page script, so a violation during parsing is seen too.
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sample}`),
      );
    });
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
        // Violations are reported in a task after the one that caused them.
        await page.evaluate(() => new Promise((res) => setTimeout(res, 0)));
        const res = await page.evaluate(async () => {
          const bad: string[] = [];
          for (const el of document.querySelectorAll('[style]'))
            bad.push(`${el.tagName} has style="${el.getAttribute('style')}"`);
          for (const el of document.querySelectorAll('style'))
            bad.push(`inline <style>: ${(el.textContent ?? '').slice(0, 60)}`);
          for (const v of (window as unknown as { __cspViolations: string[] }).__cspViolations)
            bad.push(`CSP violation: ${v}`);
          // No inline script at all: the CSP (src/lib/site.ts) allows scripts from our own files only.
          const csp =
            document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
          if (
            !/script-src 'self'/.test(csp) ||
            /script-src[^;]*(unsafe-inline|sha256-)/.test(csp) ||
            /unsafe-inline/.test(csp) ||
            !/(^|;)\s*style-src 'self'\s*(;|$)/.test(csp)
          )
            bad.push(`weak CSP: ${csp}`);
          if (
            document.head.firstElementChild?.nextElementSibling !==
            document.querySelector('meta[http-equiv="content-security-policy"]')
          )
            bad.push('CSP is not first in <head> after the charset');
          for (const sc of document.querySelectorAll('script:not([src])'))
            bad.push(`inline script: ${(sc.textContent ?? '').slice(0, 60)}`);
          if ((window as unknown as { __pwned?: number }).__pwned) bad.push('sentinel set');
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.getAttributeNames()) if (/^on/i.test(a)) bad.push(`${el.tagName} has ${a}`);
          }
          if (
            document.querySelector('meta[name="referrer"]')?.getAttribute('content') !==
            'strict-origin-when-cross-origin'
          )
            bad.push('no referrer policy');
          for (const a of document.querySelectorAll('a[href]')) {
            const h = a.getAttribute('href')!;
            const u = new URL(h, location.href);
            if (u.origin !== location.origin && !/^https?:$/.test(u.protocol)) bad.push(`link ${h}`);
            if (
              u.origin !== location.origin &&
              !/\bnoopener\b.*\bnoreferrer\b|\bnoreferrer\b.*\bnoopener\b/.test(a.getAttribute('rel') ?? '')
            )
              bad.push(`external link without rel=noopener noreferrer: ${h}`);
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
        await page.waitForFunction(
          () => document.querySelector('[data-explore]')?.getAttribute('data-search-ms') !== null,
        );
        const shown = await page.locator('[data-results] > li').count();
        const res = await page.evaluate(() => ({
          pwned: Boolean((window as unknown as { __pwned?: number }).__pwned),
          handlers: [...document.querySelectorAll('[data-results] *, [data-stories] *')].flatMap((el) =>
            el.getAttributeNames().filter((a) => /^on/i.test(a)),
          ),
          markup: document.querySelectorAll(
            '[data-results] img, [data-results] script, [data-results] svg, [data-results] iframe',
          ).length,
        }));
        if (res.pwned || res.handlers.length || res.markup) problems.push(`explore ?q=${q}: ${JSON.stringify(res)}`);
        if (q === 'xss' && shown === 0)
          problems.push('explore found no result for "xss": the hostile names were not rendered');
      }
    } finally {
      await explore.close();
    }
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
    console.log(
      `hostile fixture: ${files.length} pages loaded, explore searched for payload names, payloads executed: 0`,
    );
  });

  it('writes XML that an XML parser accepts: every feed and the sitemap', async () => {
    const xml = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? xml(join(dir, e.name)) : e.name.endsWith('.xml') ? [join(dir, e.name)] : [],
      );
    const files = xml(r.outDir);
    expect(files.length).toBeGreaterThan(3);
    const page = await browser.newPage();
    try {
      const bad: string[] = [];
      for (const f of files) {
        const err = await page.evaluate(
          (text) =>
            new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror')?.textContent ?? null,
          readFileSync(f, 'utf8'),
        );
        if (err) bad.push(`${f.slice(r.outDir.length + 1)}: ${err.slice(0, 200)}`);
      }
      expect(bad).toEqual([]);
    } finally {
      await page.close();
    }
    const feed = readFileSync(join(r.outDir, 'feed.xml'), 'utf8');
    expect(feed).toContain('Control Chars Name');
  });

  it('never puts a future-dated entry first: feed, home page', () => {
    const feed = readFileSync(join(r.outDir, 'feed.xml'), 'utf8');
    const first = feed.match(/<item>\s*<title>([^<]*)<\/title>/)?.[1] ?? '';
    expect(first).not.toBe('');
    expect(first).not.toContain('Future Dated Detection');
    expect(feed).not.toMatch(/<(pubDate|lastBuildDate)>[^<]*9999/);
    const home = readFileSync(join(r.outDir, 'index.html'), 'utf8');
    const recent = home.slice(home.indexOf('Recently updated'));
    const firstRow = recent.match(/<tbody[^>]*>[\s\S]*?<a [^>]*>([^<]*)<\/a>/)?.[1] ?? '';
    expect(firstRow).not.toBe('');
    expect(firstRow).not.toContain('Future Dated Detection');
  });

  it('shows CONTENT_DIR on /health/ and in the report only as its last folder name', () => {
    for (const f of ['content-report.json', join('health', 'index.html')]) {
      const text = readFileSync(join(r.outDir, f), 'utf8');
      expect(text, f).not.toContain(CONTENT);
      expect(text, f).not.toContain(`${dirname(CONTENT)}/hostile-content`);
    }
    expect(readFileSync(join(r.outDir, 'health', 'index.html'), 'utf8')).toMatch(
      new RegExp(`content folder <code[^>]*>${basename(CONTENT)}</code>`),
    );
  });

  it('links malformed ATT&CK ids nowhere, and only well-formed technique pages anywhere', () => {
    const bad: string[] = [];
    for (const f of htmlFiles(r.outDir)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/href="([^"]*techniques\/[^"]*)"/g)) {
        // A technique's page or its Navigator layer, for well-formed ids only.
        if (!/\/techniques\/(T\d{4}(\/\d{3})?\/(layer\.json)?)?$/.test(m[1]))
          bad.push(`${f.slice(r.outDir.length + 1)}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
    const page = pageWithH1(r.outDir, 'Malformed Attack Ids');
    expect(page).toMatch(/<code[^>]*>T1059\/\.\.\/\.\.\/X<\/code>/i);
    for (const api of ['detections.json'])
      expect(readFileSync(join(r.outDir, 'api', api), 'utf8')).not.toMatch(/techniques\/[^"]*\.\./);
  });

  it('renders misleading links safely: no userinfo, no private host, real hosts shown', () => {
    const html = pageWithH1(r.outDir, 'Misleading Links');
    // Content links only: Open in Splunk opens the visitor's own Splunk.
    const hrefs = [...html.matchAll(/<a [^>]*>/g)]
      .filter((m) => !m[0].includes('data-splunk-link'))
      .map((m) => (m[0].match(/href="([^"]*)"/)?.[1] ?? '').replace(/&amp;/g, '&'));
    expect(
      hrefs.filter((h) => /^https?:\/\/[^/]*@|127\.0\.0\.1|169\.254|localhost|\.internal\b|\t|%E2%80%AE/i.test(h)),
    ).toEqual([]);
    expect(hrefs).toContain('https://evil.example/');
    expect(html).not.toContain('>https://www.splunk.com@evil.example/<');
    expect(html).toMatch(/\(<span class="visually-hidden"[^>]*>goes to <\/span>xn--/);
    const source = pageWithH1(r.outDir, 'Link Mismatch Source');
    expect(source).toMatch(
      /splunkbase\.splunk\.com\/app\/742<\/a><span class="link-host"[^>]*> \(<span class="visually-hidden"[^>]*>goes to <\/span>evil\.example\)/,
    );
    expect(source).not.toContain('\u202e');
  });

  it('links explore results through the page URL helpers: names full of URL syntax reach their pages', async () => {
    const server = await serve(r.outDir, '/');
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}explore/?q=${encodeURIComponent('Url Syntax')}`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => document.querySelector('[data-explore]')?.getAttribute('data-search-ms') !== null,
      );
      const link = page.locator('[data-results] > li a').filter({ hasText: 'Url Syntax #frag' }).first();
      await link.click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Url Syntax #frag ?q=1 100%');
      await page.goto(`${server.url}explore/?q=${encodeURIComponent('Story #1')}`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => document.querySelector('[data-explore]')?.getAttribute('data-search-ms') !== null,
      );
      await page.locator('[data-stories] a').first().click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Story #1 ? 100%');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('keeps every imitated page at its URL with its own text, publishes no look-alike, and has no case-only path pair', () => {
    const idOf = (file: string) => /^id: (\S+)/m.exec(readFileSync(join(CONTENT, file), 'utf8'))![1];
    const originals: [string, string][] = [
      ['stories/hostile_story/index.html', 'Hostile Story'],
      ['macros/hostile_macro/index.html', 'hostile_macro'],
      ['lookups/hostile_lookup/index.html', 'hostile_lookup'],
      ['playbooks/hostile_playbook/index.html', 'Hostile Playbook'],
      [`sources/${idOf('data_sources/hostile_source.yml')}/index.html`, 'Hostile Source'],
      [`endpoint/${idOf('detections/endpoint/plain_valid_detection.yml')}/index.html`, 'Plain Valid Detection'],
    ];
    for (const [file, name] of originals) {
      const html = readFileSync(join(r.outDir, file), 'utf8');
      expect(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1], file).toBe(name);
    }
    expect(readFileSync(join(r.outDir, originals[0][0]), 'utf8')).toContain('Story &lt;script&gt;');
    // The old research.splunk.com alias still leads to the original detection.
    expect(readFileSync(join(r.outDir, 'endpoint/plain_valid_detection/index.html'), 'utf8')).toContain(
      `url=/${originals[5][0].replace(/index\.html$/, '')}`,
    );
    const all = readdirSync(r.outDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    expect(
      all.filter((f) => readFileSync(f, 'utf8').includes(urls.mark)).map((f) => f.slice(r.outDir.length + 1)),
    ).toEqual([]);
    expect(caseCollisions(all.map((f) => f.slice(r.outDir.length + 1)))).toEqual([]);
    // The site's own files stay files: no detection folder was put over them.
    for (const f of ['feed.xml', '404.html', 'index.html', '_redirects', 'content-report.json', 'api/detections.json'])
      expect(statSync(join(r.outDir, f)).isFile(), f).toBe(true);
    expect(existsSync(join(r.outDir, 'playbooks', 'Hostile_Playbook'))).toBe(false);
    expect(readFileSync(join(r.outDir, '_redirects'), 'utf8')).toContain(
      '/playbooks/Hostile_Playbook/ /playbooks/hostile_playbook/ 301',
    );
  });

  it('names risky SPL in the report (command and field) and beside each Try in Splunk link; look-alikes are not flagged', () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'hostile', 'expected.json'), 'utf8')) as {
      splNotes: Record<string, string>;
    };
    const spl = report.problems.filter(
      (p) => p.code === 'risky-spl' || p.code === 'invisible-in-search',
    ) as unknown as { code: string; file: string; field: string; message: string; line: number | null }[];
    const { detections } = JSON.parse(readFileSync(join(r.outDir, 'api', 'detections.json'), 'utf8')) as {
      detections: { name: string; catalog: { url: string; file_path: string } }[];
    };
    const page = (name: string) => {
      const d = detections.find((x) => x.name === name);
      expect(d, name).toBeDefined();
      return readFileSync(join(r.outDir, new URL(d!.catalog.url).pathname, 'index.html'), 'utf8');
    };
    const notesIn = (html: string) =>
      [...html.matchAll(/<div class="spl-note"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    for (const [name, says] of Object.entries(fixture.splNotes)) {
      const notes = notesIn(page(name));
      expect(notes.length, name).toBeGreaterThan(0);
      expect(notes[0], name).toContain(says);
    }
    // The report names the command and the field, with the field's line.
    const mail = spl.find((p) => p.file === 'detections/endpoint/hostile_spl_drilldown_sendemail.yml')!;
    expect(mail).toMatchObject({ code: 'risky-spl', field: 'drilldown_searches[1].search' });
    expect(mail.message).toContain('sends email (sendemail)');
    expect(mail.line).toBeGreaterThan(0);
    // Its note sits with the drilldown's own link, after the main search's (which has none).
    const html = page('Hostile SPL Drilldown Sendemail');
    expect(notesIn(html)).toHaveLength(1);
    expect(html.indexOf('data-spl-note')).toBeGreaterThan(
      html.indexOf('Open drilldown in Splunk', html.indexOf('Mail ')),
    );
    expect(spl.find((p) => p.file === 'detections/endpoint/hostile_spl_bidi.yml')?.message).toMatch(
      /line 1, column \d+ \(U\+202E RIGHT-TO-LEFT OVERRIDE\)/,
    );
    expect(spl.filter((p) => p.file === 'detections/endpoint/hostile_spl_map.yml').map((p) => p.message)).toEqual([
      expect.stringContaining('(map)'),
      expect.stringContaining('(delete)'),
    ]);
    expect(spl.find((p) => p.file === 'macros/hostile_spl_delete_macro.yml')).toMatchObject({ field: 'definition' });
    // Field names, strings, comments and arguments that look like commands are not commands.
    expect(spl.filter((p) => p.file.endsWith('hostile_spl_lookalikes.yml'))).toEqual([]);
    expect(notesIn(page('Hostile SPL Lookalikes'))).toEqual([]);
    // Investigation pages say it too (baselines/ is a linked folder in this build, runtime/fs.ts;
    // their lint is a unit test).
    const other = (dir: string) =>
      readdirSync(join(r.outDir, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('index.html'))
        .map((f) => readFileSync(join(r.outDir, dir, f), 'utf8'));
    expect(
      other('investigations')
        .filter((h) => h.includes('Hostile SPL Investigation Reads Passwords'))
        .flatMap(notesIn)
        .join(),
    ).toContain('reads credentials or configuration over REST (rest)');
  });

  it('publishes nothing read through a link: no output file holds the outside sentinel or the environment', () => {
    const leaks: string[] = [];
    const path = process.env.PATH ?? '';
    for (const f of allFiles(r.outDir)) {
      const text = readFileSync(f, 'latin1');
      for (const s of [OUTSIDE_SENTINEL, ENV_SENTINEL, 'HOSTILE_SECRET=', path.length > 20 ? path : ENV_SENTINEL])
        if (text.includes(s)) leaks.push(`${f}: ${s.slice(0, 20)}`);
    }
    expect(leaks).toEqual([]);
    expect(allFiles(r.outDir).length).toBeGreaterThan(100);
  });

  it('keeps every page under 3 MB, the bombs included', () => {
    const big = htmlFiles(r.outDir)
      .map((f) => ({ f, size: statSync(f).size }))
      .filter((x) => x.size > 3 * 1024 * 1024);
    expect(big).toEqual([]);
  });

  it('shows a "too large to show" note where a cap cut the content', () => {
    const page = (name: string) => {
      const hit = htmlFiles(r.outDir).find((f) =>
        readFileSync(f, 'utf8')
          .match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]
          ?.includes(name),
      );
      expect(hit, name).toBeDefined();
      return readFileSync(hit!, 'utf8');
    };
    expect(page('Macro Fan-out Bomb')).toContain('Search with macros expanded: too large to show');
    const drill = page('Drilldown Bomb');
    expect(
      drill.match(/Too large to show with <code[^>]*>%original_detection_search%<\/code> replaced/g)?.length,
    ).toBeGreaterThan(40);
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

/** The HTML of the one page whose h1 is `name`. */
function pageWithH1(outDir: string, name: string): string {
  const pages = htmlFiles(outDir)
    .map((f) => readFileSync(f, 'utf8'))
    .filter((h) => h.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.trim() === name);
  expect(pages.length, name).toBe(1);
  return pages[0];
}
