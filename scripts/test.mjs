#!/usr/bin/env node
/**
 * `npm test`: every suite in one run, with one total at the end.
 *   0. type check of the whole project (astro check)
 *   1. unit tests (Vitest)
 *   2. the sample site: build, then end-to-end tests in Chromium (Playwright, astro preview)
 *   3. the hostile fixture corpus (lenient build) and the base-path build, crawled for links
 *   4. the real corpus at ../shared/corpus/security_content when it exists: build + checks
 * It finds or installs a Chromium first and says what it did. The last line is
 * `N passed, N failed` over all suites. Builds and suites run under a watchdog (README, Tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAstroBuild } from './lib/astro-build.mjs';
import { findChromium } from './lib/chromium.mjs';
import { runSuite } from './lib/run-suite.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Every build and server this runner starts (Playwright's too) inherits it.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Tests make thousands of temporary content folders, clones and caches; one folder of the
// run's own holds them all (every child inherits TMPDIR) and goes when the run ends.
const runTmp = mkdtempSync(join(tmpdir(), 'catalog-npm-test-'));
for (const k of ['TMPDIR', 'TMP', 'TEMP']) process.env[k] = runTmp;
const corpus = resolve(root, process.env.CORPUS_DIR ?? '../shared/corpus/security_content');
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const only = new Set((process.env.TEST_SUITES ?? 'types,style,unit,e2e,fixtures,corpus').split(','));

const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function record(suite, passed, failed, skipped = 0, note = '') {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(
    `${suite.padEnd(28)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${note ? `  (${note})` : ''}`,
  );
}

/**
 * What a suite's exit adds to its report: a failing exit with no failed test counts as one
 * failure; a suite killed after its report (run-suite.mjs) is only noted, its report stands.
 */
function exitNote(res, failedTests) {
  if (res.killed === 'after-report') return { counts: false, note: 'killed after its report: it did not exit' };
  const counts = res.code !== 0 && failedTests === 0;
  return { counts, note: counts ? `exit ${res.code}` : '' };
}

async function vitest(suite, config, extraEnv = {}) {
  const file = join(out, `${suite}.json`);
  rmSync(file, { force: true });
  const res = await runSuite(
    'npx',
    ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${file}`],
    extraEnv,
    { root, report: file },
  );
  if (!existsSync(file))
    return record(
      suite,
      0,
      1,
      0,
      `vitest exited ${res.code} without a report${res.killed ? ` (killed: ${res.killed})` : ''}`,
    );
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const odd = exitNote(res, r.numFailedTests);
  record(
    suite,
    r.numPassedTests,
    r.numFailedTests + (odd.counts ? 1 : 0),
    r.numPendingTests + r.numTodoTests,
    odd.note,
  );
}

async function playwright(suite, env = {}) {
  const file = join(out, `${suite}.json`);
  rmSync(file, { force: true });
  const res = await runSuite(
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: file, ...env },
    { root, report: file },
  );
  if (!existsSync(file))
    return record(
      suite,
      0,
      1,
      0,
      `playwright exited ${res.code} without a report${res.killed ? ` (killed: ${res.killed})` : ''}`,
    );
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  const odd = exitNote(res, s.unexpected);
  record(suite, s.expected, s.unexpected + s.flaky + (odd.counts ? 1 : 0), s.skipped, odd.note);
}

async function build(suite, env, outDir) {
  // Through the watchdog that ends a build stuck after its last line (scripts/lib/astro-build.mjs).
  const r = await runAstroBuild({ root, outDir, env, echo: true, log: (line) => console.log(`[test] ${line}`) });
  console.log(`\n[test] ${suite} build finished in ${r.seconds.toFixed(1)}s with exit code ${r.code}\n`);
  return r.code;
}

function ensureBrowser() {
  const found = findChromium();
  if (found) {
    console.log(`[test] browser: using ${found}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("[test] browser: no Chromium found; installing Debian's chromium with apt-get (running as root)");
    run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
    ]);
    if (findChromium()) return console.log(`[test] browser: installed ${findChromium()}`);
  }
  console.log(
    '[test] browser: no system Chromium; trying `playwright install chromium` (needs network access to the browser CDN)',
  );
  run('npx', ['playwright', 'install', 'chromium']);
}

if (only.has('types')) {
  // One check: the whole project type-checks (pages, components, scripts, config).
  const { code } = await runSuite('npx', ['astro', 'check'], {}, { root, minutes: 15 });
  record('types (astro check)', code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

if (only.has('style')) {
  // House style: the linter (with the import-direction rule) and the formatter, each one check.
  for (const [suite, args] of [
    ['style (eslint)', ['eslint', '.']],
    ['style (prettier --check)', ['prettier', '--check', '.']],
  ]) {
    const { code } = await runSuite('npx', args, {}, { root, minutes: 10 });
    record(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  }
}

if (only.has('unit')) await vitest('unit', 'vitest.config.ts');

if (only.has('e2e') || only.has('fixtures') || only.has('corpus')) ensureBrowser();

if (only.has('e2e')) {
  if ((await build('sample site', { CONTENT_DIR: './content', BASE_PATH: '' }, 'dist')) === 0)
    await playwright('e2e (sample site)');
  else record('e2e (sample site)', 0, 1, 0, 'sample build failed');
}

if (only.has('fixtures')) {
  await vitest('fixtures + base path', 'tests/fixtures.vitest.config.ts');
}

if (only.has('corpus')) {
  if (existsSync(join(corpus, 'detections'))) {
    await vitest('corpus', 'tests/corpus.vitest.config.ts', { CORPUS_DIR: corpus });
  } else {
    console.log(
      `\n[test] corpus suite SKIPPED: ${corpus} does not exist (put the security_content checkout at ../shared/corpus/security_content or set CORPUS_DIR)\n`,
    );
    record('corpus', 0, 0, 1, 'skipped: no corpus');
  }
}

// The suites' own output folders (dist-hostile, dist-corpus, …: 230 MB with the corpus) go
// when the run ends; `dist/`, the sample build the browser tests served, stays as a build
// leaves it. KEEP_TEST_BUILDS=1 keeps them all to look into.
if (!/^(1|true|yes|on)$/i.test(process.env.KEEP_TEST_BUILDS ?? '')) {
  let bytes = 0;
  const removed = [];
  for (const name of readdirSync(root)) {
    if (!/^dist-/.test(name) || !statSync(join(root, name)).isDirectory()) continue;
    bytes += folderBytes(join(root, name));
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length)
    console.log(`\n[test] removed the suites' builds (${removed.join(', ')}: ${(bytes / 1e6).toFixed(0)} MB)`);
  const tmpBytes = folderBytes(runTmp);
  rmSync(runTmp, { recursive: true, force: true });
  console.log(`[test] removed the run's temporary folder (${runTmp}: ${(tmpBytes / 1e6).toFixed(0)} MB)`);
}

console.log('\nSummary');
for (const l of lines) console.log(`  ${l}`);
console.log(`  took ${((Date.now() - started) / 60000).toFixed(1)} min`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);

/** Bytes of the files under `dir`, links not followed. */
function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) n += statSync(join(e.parentPath, e.name), { throwIfNoEntry: false })?.size ?? 0;
  return n;
}
