#!/usr/bin/env node
/**
 * `npm run bench`: build time, memory, page weight and search speed on the real corpus, each
 * next to a floor measured in the same run, and every budget flagged as met or missed.
 * Writes bench/results.json. Needs ../shared/corpus/security_content (or CORPUS_DIR).
 *
 *   BENCH_SKIP=scale,search   skip parts (floor, cold, warm, scale, weight, search, lighthouse, history, mydata, dev)
 *   BENCH_ROUNDS=2            floor and cold builds are alternated this many times; the best
 *                             of each is compared (every run is kept in results.json)
 *   BENCH_HISTORY_ROUNDS=3    the same for the cold builds with and without history
 *   BENCH_DIST=dir            with the cold part skipped, the corpus build the weight, search and
 *   BENCH_DIST_10X=dir        lighthouse parts measure (and the 10× build, with scale skipped)
 *
 * Every build writes into a folder no earlier run used, and earlier runs' output is deleted only
 * after the measurements: on these machines' disks, creating files right after deleting many is
 * several times slower for a while (until about half a minute later), which would charge the previous run's cleanup to the build measured.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findChromium } from './lib/chromium.mjs';
import { makeFloorProject } from './lib/floor.mjs';
import { scaleCorpus } from './lib/scale-corpus.mjs';
import { QUERIES } from './lib/bench-queries.mjs';
import { devTiming } from './lib/dev-timing.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Every build the bench starts inherits it.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const corpus = resolve(root, process.env.CORPUS_DIR ?? '../shared/corpus/security_content');
const benchTmp = join(root, 'bench', 'tmp');
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2) || 1);
const historyRounds = Math.max(1, Number(process.env.BENCH_HISTORY_ROUNDS ?? rounds + 1) || 1);

if (!existsSync(join(corpus, 'detections'))) {
  console.error(
    `bench: the corpus is absent (${corpus}). Put the security_content checkout at ../shared/corpus/security_content or set CORPUS_DIR.`,
  );
  process.exit(2);
}
mkdirSync(benchTmp, { recursive: true });
// Earlier runs are moved aside (a rename, not a delete) and removed at the end.
const trash = join(benchTmp, `trash-${Date.now()}`);
const tmp = join(benchTmp, 'run');
if (existsSync(tmp)) renameSync(tmp, trash);
mkdirSync(tmp, { recursive: true });

const resultsFile = join(root, 'bench', 'results.json');
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
const results = {
  date: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length },
  figures: {},
  budgets: [],
};
const fig = results.figures;

/**
 * Runs a build, returning wall seconds and peak RSS (MB) of the whole process tree. `parse`, if
 * given, reads the build's output and returns `{ fields, say }`: figures added to the result and
 * a few words added to the progress line.
 */
function timedBuild(label, cwd, args, env, parse) {
  // The previous build's output is still being written back to disk for half a minute after
  // it ends (the kernel's dirty-page expiry); without this, that write-back lands in whichever
  // build comes next (a warm rebuild's time then depended on what ran before it).
  spawnSync('sync');
  const t0 = process.hrtime.bigint();
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : 'npx';
  const argv = useTime ? ['-f', '__MAXRSS_KB=%M', 'npx', ...args] : args;
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /__MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) {
    console.error(r.stdout?.slice(-4000), r.stderr?.slice(-4000));
    throw new Error(`${label}: build failed (exit ${r.status})`);
  }
  const out = { seconds: +secs.toFixed(2), maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : null };
  const extra = parse?.(`${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  console.log(
    `bench: ${label}: ${out.seconds}s, max RSS ${out.maxRssMb ?? 'n/a'} MB${extra?.say ? `, ${extra.say}` : ''}`,
  );
  return { ...out, ...extra?.fields };
}

function dirStats(dir) {
  let files = 0;
  let bytes = 0;
  const byTop = {};
  const walk = (d, top) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, top ?? e.name);
      else {
        files++;
        const s = statSync(p).size;
        bytes += s;
        if (e.name === 'index.html') byTop[top ?? '(root)'] = (byTop[top ?? '(root)'] ?? 0) + 1;
      }
    }
  };
  walk(dir, null);
  return { files, mb: +(bytes / 1048576).toFixed(1), pagesByTop: byTop };
}

/** Every cache a build keeps between runs (highlighted code, parsed YAML, the page record). */
const cleanCaches = () => {
  for (const p of [
    '.astro',
    'node_modules/.astro',
    'node_modules/.cache/catalog-highlight',
    'node_modules/.cache/catalog-yaml',
    'node_modules/.cache/catalog-outputs',
    'node_modules/.vite',
  ]) {
    rmSync(join(root, p), { recursive: true, force: true });
  }
};
const best = (runs) => ({
  ...runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)),
  runs: runs.map((r) => r.seconds),
});

// 1 and 2. Floor (a bare Astro site with the same detection pages: name, description,
// highlighted search) and the full corpus build from cold, alternated so both see the same
// machine; then a warm rebuild after changing one detection.
const copy = join(tmp, 'corpus-1x');
if (!skip.has('cold') || !skip.has('warm'))
  cpSync(corpus, copy, { recursive: true, filter: (s) => !s.includes('/.git') });
const floorDir = join(tmp, 'floor');
if (!skip.has('floor')) makeFloorProject(floorDir, corpus, root);
let distFull = process.env.BENCH_DIST && skip.has('cold') ? resolve(process.env.BENCH_DIST) : join(tmp, 'dist-full-1');
const floorRuns = [];
const coldRuns = [];
for (let r = 1; r <= rounds; r++) {
  if (!skip.has('floor')) {
    rmSync(join(floorDir, '.astro'), { recursive: true, force: true });
    const out = join(tmp, `floor-dist-${r}`);
    floorRuns.push({
      ...timedBuild(`floor (bare Astro, 1711 pages), round ${r}`, floorDir, ['astro', 'build', '--outDir', out], {}),
      pages: dirStats(out).files,
    });
  }
  if (!skip.has('cold')) {
    cleanCaches();
    distFull = join(tmp, `dist-full-${r}`);
    coldRuns.push({
      ...timedBuild(`full corpus, cold, round ${r}`, root, ['astro', 'build', '--outDir', distFull], {
        CONTENT_DIR: copy,
      }),
      ...dirStats(distFull),
    });
  }
}
if (floorRuns.length) fig.floor = best(floorRuns);
if (coldRuns.length) fig.cold = best(coldRuns);
if (!skip.has('warm')) {
  // Each run changes one more detection and rebuilds into the last cold run's folder.
  const warmRuns = [];
  const files = readdirSync(join(copy, 'detections', 'cloud'))
    .filter((f) => f.endsWith('.yml'))
    .slice(0, rounds);
  for (const [i, f] of files.entries()) {
    const target = join(copy, 'detections', 'cloud', f);
    writeFileSync(target, readFileSync(target, 'utf8').replace(/^description: /m, 'description: (bench edit) '));
    warmRuns.push(
      timedBuild(
        `full corpus, warm (one detection changed), run ${i + 1}`,
        root,
        ['astro', 'build', '--outDir', distFull],
        { CONTENT_DIR: copy },
      ),
    );
  }
  fig.warm = best(warmRuns);
}

// 3. Scale: a synthetic 10x corpus.
// The generated corpus is input, not output: it is kept in bench/tmp between runs.
const copy10 = join(benchTmp, 'corpus-10x');
const dist10 =
  process.env.BENCH_DIST_10X && skip.has('scale') ? resolve(process.env.BENCH_DIST_10X) : join(tmp, 'dist-10x');
if (!skip.has('scale') || !skip.has('search')) {
  if (!existsSync(join(copy10, 'detections'))) scaleCorpus(corpus, copy10, 10);
}
if (!skip.has('scale')) {
  cleanCaches();
  fig.scale10 = timedBuild('10x corpus, cold', root, ['astro', 'build', '--outDir', dist10], { CONTENT_DIR: copy10 });
  fig.scale10.pages = dirStats(dist10).pagesByTop;
  // The synthetic corpus's caches (highlighted code above all) would otherwise be read by
  // every later build in this checkout for the next few runs: the sample site's build took
  // about twice the memory after a bench.
  cleanCaches();
}

// 4. Page weight: HTML + CSS + JS a page actually loads, raw and gzipped.
function pageWeight(dist, pagePath) {
  const html = readFileSync(join(dist, pagePath, 'index.html'));
  const assets = new Set();
  const text = html.toString('utf8');
  for (const m of text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) assets.add(m[1]);
  for (const m of text.matchAll(/<script[^>]+src="([^"]+)"/g)) assets.add(m[1]);
  // Module scripts import their chunks; follow static imports.
  const queue = [...assets].filter((a) => a.endsWith('.js'));
  while (queue.length) {
    const a = queue.pop();
    const p = join(dist, a.replace(/^\//, ''));
    if (!existsSync(p)) continue;
    const js = readFileSync(p, 'utf8');
    for (const m of js.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      const next = new URL(m[1], `http://x${a}`).pathname;
      if (!assets.has(next)) {
        assets.add(next);
        queue.push(next);
      }
    }
  }
  let raw = html.length;
  let gz = gzipSync(html).length;
  // Inline module scripts are JavaScript too, even though they travel inside the HTML.
  const inline = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  let js = Buffer.byteLength(inline);
  let jsGz = inline ? gzipSync(inline).length : 0;
  for (const a of assets) {
    const p = join(dist, a.replace(/^\//, ''));
    if (!existsSync(p)) continue;
    const b = readFileSync(p);
    raw += b.length;
    gz += gzipSync(b).length;
    if (a.endsWith('.js')) {
      js += b.length;
      jsGz += gzipSync(b).length;
    }
  }
  return {
    rawKb: +(raw / 1024).toFixed(1),
    gzKb: +(gz / 1024).toFixed(1),
    jsKb: +(js / 1024).toFixed(1),
    jsGzKb: +(jsGz / 1024).toFixed(1),
    htmlKb: +(html.length / 1024).toFixed(1),
  };
}
if (!skip.has('weight') && existsSync(distFull)) {
  const k8s = spawnSync('grep', ['-rl', 'Kubernetes Falco Shell Spawned</h1>', join(distFull, 'cloud')], {
    encoding: 'utf8',
  }).stdout.split('\n')[0];
  const detPath = k8s ? k8s.slice(distFull.length + 1).replace(/\/index\.html$/, '') : '';
  const idx = readFileSync(join(distFull, 'search-index.json'));
  fig.weight = {
    detection: { page: detPath, ...pageWeight(distFull, detPath) },
    story: { page: 'stories/kubernetes_security', ...pageWeight(distFull, 'stories/kubernetes_security') },
    matrix: { page: 'attack', ...pageWeight(distFull, 'attack') },
    explore: { page: 'explore', ...pageWeight(distFull, 'explore') },
    searchIndex: { rawKb: +(idx.length / 1024).toFixed(1), gzKb: +(gzipSync(idx).length / 1024).toFixed(1) },
  };
  console.log('bench: page weight', JSON.stringify(fig.weight));
}

/** `measure` on a new page of headless Chromium, with `dist` served on 127.0.0.1; both closed after. */
async function inBrowser(dist, measure) {
  const { chromium } = await import('@playwright/test');
  const { serve } = await import('./lib/serve.mjs');
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    return await measure(await browser.newPage(), server);
  } finally {
    await browser.close();
    await server.close();
  }
}

// 5. Search speed in headless Chromium.
async function searchSpeed(dist, label) {
  return inBrowser(dist, async (page, server) => {
    const t0 = Date.now();
    await page.goto(`${server.url}explore/`);
    await page.locator('[data-q]').focus();
    await page.waitForFunction(
      () => document.querySelector('[data-explore]')?.getAttribute('data-search-ms') !== null,
      null,
      { timeout: 60000 },
    );
    const ready = Date.now() - t0;
    const m = await page.evaluate((queries) => {
      const input = document.querySelector('[data-q]');
      const list = document.querySelector('[data-results]');
      const times = [];
      let first = null;
      for (const q of queries) {
        input.value = '';
        input.dispatchEvent(new Event('input'));
        for (let k = 1; k <= q.length; k++) {
          input.value = q.slice(0, k);
          const s = performance.now();
          input.dispatchEvent(new Event('input'));
          void list.offsetHeight;
          const ms = performance.now() - s;
          if (first === null) first = ms;
          times.push(ms);
        }
      }
      times.sort((a, b) => a - b);
      const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
      return { keystrokes: times.length, firstMs: first, p50: pct(50), p95: pct(95), max: times[times.length - 1] };
    }, QUERIES);
    const out = {
      indexReadyMs: ready,
      firstResultsMs: +m.firstMs.toFixed(2),
      keystrokes: m.keystrokes,
      p50Ms: +m.p50.toFixed(2),
      p95Ms: +m.p95.toFixed(2),
      maxMs: +m.max.toFixed(2),
    };
    console.log(`bench: search ${label}:`, JSON.stringify(out));
    return out;
  });
}

/**
 * The header combobox over the same queries: each keystroke's search and list (what the visitor
 * waits for), and apart the "See all N" count, which runs once typing pauses. The box is made
 * ready as a visitor would: focus (the page index), one character (the detection ids), a pause
 * (explore's index, for the count).
 */
async function headerSpeed(dist, label) {
  return inBrowser(dist, async (page, server) => {
    await page.goto(`${server.url}stories/`);
    const t0 = Date.now();
    await page.locator('[data-search-input]').focus();
    await page.waitForFunction(() => document.querySelector('[data-site-search]')?.dataset.siteReady, null, {
      timeout: 60000,
    });
    const pagesMs = Date.now() - t0;
    await page.keyboard.type('a');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-site-search]')?.dataset.siteReady === 'all' &&
        document.querySelector('#site-search-list .opt-all')?.dataset.count !== undefined,
      null,
      { timeout: 120000 },
    );
    const m = await page.evaluate(async (queries) => {
      const form = document.querySelector('[data-site-search]');
      const input = form.querySelector('[data-search-input]');
      const list = form.querySelector('[data-site-results]');
      const times = [];
      const counts = [];
      for (const q of queries) {
        for (let k = 1; k <= q.length; k++) {
          input.value = q.slice(0, k);
          const s = performance.now();
          input.dispatchEvent(new Event('input'));
          void list.offsetHeight;
          times.push(performance.now() - s);
        }
        // The count of the whole query, once typing pauses (the search text may load once).
        const until = performance.now() + 30000;
        while (list.querySelector('.opt-all')?.dataset.count === undefined && performance.now() < until)
          await new Promise((r) => setTimeout(r, 20));
        if (form.dataset.countMs) counts.push(Number(form.dataset.countMs));
      }
      const pct = (xs, p) => {
        const a = [...xs].sort((x, y) => x - y);
        return a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
      };
      return {
        keystrokes: times.length,
        p50: pct(times, 50),
        p95: pct(times, 95),
        max: Math.max(...times),
        counts: counts.length,
        countP50: pct(counts, 50),
        countP95: pct(counts, 95),
      };
    }, QUERIES);
    const gzKb = (f) => +(gzipSync(readFileSync(join(dist, f))).length / 1024).toFixed(1);
    const out = {
      indexGzKb: gzKb('site-index.json'),
      idsGzKb: gzKb('site-detections.json'),
      indexReadyMs: pagesMs,
      keystrokes: m.keystrokes,
      p50Ms: +m.p50.toFixed(2),
      p95Ms: +m.p95.toFixed(2),
      maxMs: +m.max.toFixed(2),
      countP50Ms: +m.countP50.toFixed(2),
      countP95Ms: +m.countP95.toFixed(2),
    };
    console.log(`bench: header search ${label}:`, JSON.stringify(out));
    return out;
  });
}
if (!skip.has('search')) {
  if (existsSync(distFull)) fig.search1x = await searchSpeed(distFull, '1x');
  if (existsSync(dist10)) fig.search10x = await searchSpeed(dist10, '10x');
  if (existsSync(distFull)) fig.header1x = await headerSpeed(distFull, '1x');
  if (existsSync(dist10)) fig.header10x = await headerSpeed(dist10, '10x');
}

// 5b. Lighthouse (mobile, simulated throttling; the pinned version in the machine's Node and
// Chromium) on the pages an analyst lands on, served compressed as a static host would.
if (!skip.has('lighthouse')) {
  if (!existsSync(join(distFull, 'index.html')))
    timedBuild('full corpus, for Lighthouse', root, ['astro', 'build', '--outDir', distFull], { CONTENT_DIR: corpus });
  const { serve } = await import('./lib/serve.mjs');
  const { lighthouse } = await import('./lib/lighthouse.mjs');
  const k8s = spawnSync('grep', ['-rl', 'Kubernetes Falco Shell Spawned</h1>', join(distFull, 'cloud')], {
    encoding: 'utf8',
  }).stdout.split('\n')[0];
  const pages = {
    home: '',
    detection: k8s ? `${k8s.slice(distFull.length + 1).replace(/index\.html$/, '')}` : 'cloud/',
    story: 'stories/kubernetes_security/',
    technique: 'techniques/T1204/',
    matrix: 'attack/',
    explore: 'explore/?q=T1204',
  };
  const server = await serve(distFull, '/', { gzip: true });
  fig.lighthouse = {};
  try {
    for (const [name, path] of Object.entries(pages)) {
      const r = await lighthouse(root, `${server.url}${path}`);
      fig.lighthouse[name] = { path, ...r, url: undefined };
      console.log(`bench: lighthouse ${name}:`, JSON.stringify(fig.lighthouse[name]));
    }
  } finally {
    await server.close();
  }
}

// 6. History: the bundle of the content's real git history, cloned, built cold with and without
// history (alternated, best of each), then rebuilt warm after each of two one-detection commits.
const bundle = resolve(root, process.env.HISTORY_BUNDLE ?? '../shared/corpus-history/security_content.bundle');
/** Reads the build's `history: …` and `incremental: …` lines. */
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
function parseHistoryLog(log) {
  const text = strip(log);
  const h = /history: (\d+) commits and (\d+) releases from (\S+) in (\d+) ms/.exec(text);
  const inc = /incremental: (\d+) pages rendered, (\d+) kept as they were/.exec(text);
  const off = /no history pages: ([^\n]*)/.exec(text);
  const fields = {};
  const say = [];
  if (h) {
    Object.assign(fields, { historyCommits: +h[1], historyReleases: +h[2], historyFrom: h[3], historyMs: +h[4] });
    say.push(`history ${h[1]} commits, ${h[2]} releases from ${h[3]} in ${h[4]} ms`);
  } else if (off) say.push(`no history (${off[1].trim()})`);
  if (inc) {
    Object.assign(fields, { pagesRendered: +inc[1], pagesKept: +inc[2] });
    say.push(`${inc[1]} pages rendered, ${inc[2]} kept`);
  }
  return { fields, say: say.join(', ') };
}
/** Modification time of every HTML file under `dir`, to tell which pages a rebuild rewrote. */
function htmlTimes(dir) {
  const times = new Map();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) times.set(p.slice(dir.length + 1), statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return times;
}
if (!skip.has('history')) {
  if (!existsSync(bundle)) {
    console.error(`bench: history skipped: no bundle at ${bundle} (set HISTORY_BUNDLE)`);
  } else {
    const clone = join(tmp, 'history-clone');
    const git = (...args) => {
      const r = spawnSync('git', args, { cwd: clone, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout.trim();
    };
    const c = spawnSync('git', ['clone', '--quiet', bundle, clone], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`git clone ${bundle}: ${c.stderr}`);
    const head = git('rev-parse', 'HEAD');
    const commits = Number(git('rev-list', '--count', '--first-parent', 'HEAD'));
    const withRuns = [];
    const withoutRuns = [];
    let distHistory = null;
    // Its budget is the ratio of two cold builds, each varying by a second or two on a shared
    // machine: one round more than the other parts, best of each.
    for (let r = 1; r <= historyRounds; r++) {
      // Without first, so the warm rebuilds below follow a cold build with history, as the
      // warm part follows a cold build.
      cleanCaches();
      const outWithout = join(tmp, `dist-history-off-${r}`);
      withoutRuns.push({
        ...timedBuild(
          `history, cold without history, round ${r}`,
          root,
          ['astro', 'build', '--outDir', outWithout],
          { CONTENT_DIR: clone, CATALOG_HISTORY: '0' },
          parseHistoryLog,
        ),
        ...dirStats(outWithout),
      });
      cleanCaches();
      // The walk of the git history is part of a cold build with history.
      rmSync(join(root, 'node_modules/.cache/catalog-history'), { recursive: true, force: true });
      distHistory = join(tmp, `dist-history-${r}`);
      withRuns.push({
        ...timedBuild(
          `history, cold with history, round ${r}`,
          root,
          ['astro', 'build', '--outDir', distHistory],
          { CONTENT_DIR: clone },
          parseHistoryLog,
        ),
        ...dirStats(distHistory),
      });
    }
    // Two runs, each one commit editing one more detection, rebuilt into the last cold folder.
    const warmRuns = [];
    const files = readdirSync(join(clone, 'detections', 'cloud'))
      .filter((f) => f.endsWith('.yml'))
      .sort()
      .slice(0, 2);
    for (const [i, f] of files.entries()) {
      const target = join(clone, 'detections', 'cloud', f);
      writeFileSync(
        target,
        readFileSync(target, 'utf8').replace(/^description: /m, `description: (bench commit ${i + 1}) `),
      );
      git(
        '-c',
        'user.name=bench',
        '-c',
        'user.email=bench@example.org',
        'commit',
        '--quiet',
        '-am',
        `bench: edit the description of detections/cloud/${f}`,
      );
      const before = htmlTimes(distHistory);
      const run = timedBuild(
        `history, warm after one commit (detections/cloud/${f}), run ${i + 1}`,
        root,
        ['astro', 'build', '--outDir', distHistory],
        { CONTENT_DIR: clone },
        parseHistoryLog,
      );
      const after = htmlTimes(distHistory);
      const rewritten = [...after]
        .filter(([p, t]) => before.get(p) !== t)
        .map(([p]) => p)
        .sort();
      const byTop = {};
      for (const p of rewritten) {
        const top = p.includes('/') ? p.split('/')[0] : '(root)';
        byTop[top] = (byTop[top] ?? 0) + 1;
      }
      warmRuns.push({
        ...run,
        edited: `detections/cloud/${f}`,
        htmlRewritten: rewritten.length,
        htmlRewrittenByTop: byTop,
        htmlRewrittenSample: rewritten.slice(0, 40),
      });
      console.log(
        `bench: history, warm run ${i + 1}: ${rewritten.length} HTML files rewritten (${Object.entries(byTop)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`,
      );
    }
    fig.history = {
      bundle,
      head,
      commits,
      coldWith: best(withRuns),
      coldWithout: best(withoutRuns),
      warm: {
        ...best(warmRuns),
        each: warmRuns.map((w) => ({
          edited: w.edited,
          seconds: w.seconds,
          historyFrom: w.historyFrom,
          pagesRendered: w.pagesRendered,
          pagesKept: w.pagesKept,
          htmlRewritten: w.htmlRewritten,
        })),
      },
    };
  }
}

// 7. My data: the size of /my-data/data.json and the time to recompute coverage after a change
// (runnable set, counts, technique coverage, onboarding ranking), in Node over the corpus and a
// 10× copy made in memory (every detection and data source ten times, entries pointing at
// their own copy's sources). Cheap: no build; Node runs the TypeScript modules directly.
if (!skip.has('mydata')) {
  const { loadCatalog } = await import('../src/domain/catalog/load.ts');
  const { makeCatalog } = await import('../src/domain/catalog/index.ts');
  const { buildMyData } = await import('../src/domain/coverage/data.ts');
  const { haveMask, runnableStates, coverageCounts, techniqueCoverage } =
    await import('../src/domain/coverage/rule.ts');
  const { rankOnboarding } = await import('../src/domain/coverage/onboard.ts');
  const c = makeCatalog(loadCatalog(corpus));
  const data = buildMyData(c.detections, c.dataSources, c.stories, '0');
  const text = JSON.stringify(data);
  const times10 = (d) => {
    const n = d.sources.id.length;
    const rep = (xs, f = (x) => x) => Array.from({ length: 10 }, (_, k) => xs.map((x) => f(x, k))).flat();
    return {
      ...d,
      sources: Object.fromEntries(Object.entries(d.sources).map(([key, col]) => [key, rep(col)])),
      detections: {
        ...Object.fromEntries(Object.entries(d.detections).map(([key, col]) => [key, rep(col)])),
        entries: rep(d.detections.entries, (es, k) => es.map((e) => e.map((i) => (i < 0 ? i : i + k * n)))),
      },
    };
  };
  const recompute = (d, picked) => {
    const times = [];
    for (let r = 0; r < 60; r++) {
      const t0 = performance.now();
      const have = haveMask(d, picked);
      const states = runnableStates(d, have);
      coverageCounts(d, states);
      techniqueCoverage(d, states);
      rankOnboarding(d, have, states);
      times.push(performance.now() - t0);
    }
    // The first runs include V8 compiling the code; a page's first recompute pays that once.
    times.sort((a, b) => a - b);
    return { medianMs: +times[30].toFixed(2), p95Ms: +times[56].toFixed(2), maxMs: +times[59].toFixed(2) };
  };
  const profile = ['Sysmon EventID 1', 'Windows Event Log Security 4688']
    .map((name) => data.sources.name.indexOf(name))
    .filter((i) => i >= 0);
  const d10 = times10(data);
  const n = data.sources.id.length;
  fig.mydata = {
    detections: data.detections.id.length,
    sources: n,
    dataKb: +(text.length / 1024).toFixed(1),
    dataGzKb: +(gzipSync(text).length / 1024).toFixed(1),
    data10GzKb: +(gzipSync(JSON.stringify(d10)).length / 1024).toFixed(1),
    recompute1x: recompute(data, profile),
    recompute10x: recompute(d10, Array.from({ length: 10 }, (_, k) => profile.map((i) => i + k * n)).flat()),
  };
  if (existsSync(distFull)) {
    // The page's own scripts: all it loads less what the home page loads (the site's scripts).
    const page = pageWeight(distFull, 'my-data');
    fig.mydata.page = { ...page, ownJsGzKb: +(page.jsGzKb - pageWeight(distFull, '').jsGzKb).toFixed(1) };
  }
  console.log('bench: my data', JSON.stringify(fig.mydata));
}

if (!skip.has('dev')) {
  // The dev server over a copy of the corpus: the first start warms Vite's caches and is not
  // counted; then the description of one detection is edited a few times.
  console.log('\nbench: dev server, start to the first detection page and a description edit to served');
  const r = await devTiming({ root, contentDir: corpus, starts: 3, edits: 5, log: (l) => console.log(`  ${l}`) });
  const warm = r.startMs.slice(1);
  const edits = [...r.editMs].sort((a, b) => a - b);
  fig.dev = {
    startSeconds: +(Math.min(...warm) / 1000).toFixed(2),
    startRunsSeconds: r.startMs.map((ms) => +(ms / 1000).toFixed(2)),
    editMs: Math.round(edits[Math.floor(edits.length / 2)]),
    editRunsMs: r.editMs.map(Math.round),
  };
}

// Parts skipped this run keep the figures of the previous run, marked as such.
for (const [k, v] of Object.entries(previous?.figures ?? {})) {
  if (!(k in fig)) fig[k] = { ...v, fromPreviousRun: previous.date };
}

// Budgets.
const budget = (name, value, limit, unit, ok) =>
  results.budgets.push({ name, value, limit, unit, met: value === null || value === undefined ? null : ok });
// A ratio over figures from different runs is only indicative: the machine's speed drifts.
const mixed = (...fs) => fs.some((f) => f?.fromPreviousRun) && !fs.every((f) => f?.fromPreviousRun);
if (fig.cold && fig.floor)
  budget(
    'full cold build ≤ 2× floor',
    +(fig.cold.seconds / fig.floor.seconds).toFixed(2),
    2,
    '×',
    fig.cold.seconds <= 2 * fig.floor.seconds,
  );
if (fig.warm && fig.cold)
  budget(
    'warm rebuild ≤ 30% of cold',
    +((100 * fig.warm.seconds) / fig.cold.seconds).toFixed(1),
    30,
    '%',
    fig.warm.seconds <= 0.3 * fig.cold.seconds,
  );
if (fig.cold?.maxRssMb) budget('max RSS ≤ 1.5 GB', fig.cold.maxRssMb, 1536, 'MB', fig.cold.maxRssMb <= 1536);
if (fig.scale10 && fig.cold)
  budget(
    '10× build ≤ 12× the 1× time',
    +(fig.scale10.seconds / fig.cold.seconds).toFixed(2),
    12,
    '×',
    fig.scale10.seconds <= 12 * fig.cold.seconds,
  );
if (fig.weight) {
  budget('detection page ≤ 35 KB gzipped all-in', fig.weight.detection.gzKb, 35, 'KB', fig.weight.detection.gzKb <= 35);
  budget('detection page JS ≤ 10 KB gzipped', fig.weight.detection.jsGzKb, 10, 'KB', fig.weight.detection.jsGzKb <= 10);
  budget('search index ≤ 150 KB gzipped', fig.weight.searchIndex.gzKb, 150, 'KB', fig.weight.searchIndex.gzKb <= 150);
}
if (fig.search1x) {
  budget(
    'first results ≤ 100 ms after index load',
    fig.search1x.firstResultsMs,
    100,
    'ms',
    fig.search1x.firstResultsMs <= 100,
  );
  budget('keystroke p95 ≤ 16 ms at 1×', fig.search1x.p95Ms, 16, 'ms', fig.search1x.p95Ms <= 16);
}
if (fig.search10x) budget('keystroke p95 ≤ 50 ms at 10×', fig.search10x.p95Ms, 50, 'ms', fig.search10x.p95Ms <= 50);
if (fig.header1x) {
  const h = fig.header1x;
  budget('header search index (first focus) ≤ 60 KB gzipped', h.indexGzKb, 60, 'KB', h.indexGzKb <= 60);
  budget('header keystroke p95 ≤ 16 ms at 1×', h.p95Ms, 16, 'ms', h.p95Ms <= 16);
}
if (fig.header10x)
  budget('header keystroke p95 ≤ 50 ms at 10×', fig.header10x.p95Ms, 50, 'ms', fig.header10x.p95Ms <= 50);
if (fig.mydata) {
  const m = fig.mydata;
  budget('My data file ≤ 40 KB gzipped', m.dataGzKb, 40, 'KB', m.dataGzKb <= 40);
  budget('My data recompute p95 ≤ 16 ms at 1×', m.recompute1x.p95Ms, 16, 'ms', m.recompute1x.p95Ms <= 16);
  budget('My data recompute p95 ≤ 50 ms at 10×', m.recompute10x.p95Ms, 50, 'ms', m.recompute10x.p95Ms <= 50);
  if (m.page) budget("My data page's own JS ≤ 10 KB gzipped", m.page.ownJsGzKb, 10, 'KB', m.page.ownJsGzKb <= 10);
}
const hist = fig.history;
if (hist?.coldWith && hist.coldWithout)
  budget(
    'cold build with history ≤ 1.25× without',
    +(hist.coldWith.seconds / hist.coldWithout.seconds).toFixed(2),
    1.25,
    '×',
    hist.coldWith.seconds <= 1.25 * hist.coldWithout.seconds,
  );
if (hist?.warm && hist.coldWith)
  budget(
    'warm rebuild after one commit ≤ 30% of cold with history',
    +((100 * hist.warm.seconds) / hist.coldWith.seconds).toFixed(1),
    30,
    '%',
    hist.warm.seconds <= 0.3 * hist.coldWith.seconds,
  );

if (fig.lighthouse)
  for (const [name, r] of Object.entries(fig.lighthouse)) {
    if (!r.scores) continue;
    // Explore's performance target is the search issue's (≥ 95); every other score is 100.
    for (const [cat, score] of Object.entries(r.scores)) {
      const limit = name === 'explore' && cat === 'performance' ? 95 : 100;
      budget(`Lighthouse mobile ${name} ${cat} ≥ ${limit}`, score, limit, '', score >= limit);
    }
  }

if (fig.dev) {
  budget('dev start to the first detection page ≤ 6 s (warm)', fig.dev.startSeconds, 6, 's', fig.dev.startSeconds <= 6);
  budget('dev: one detection edited to served ≤ 1 s (median)', fig.dev.editMs, 1000, 'ms', fig.dev.editMs <= 1000);
}

mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
for (const [name, a, b] of [
  ['full cold build ≤ 2× floor', fig.cold, fig.floor],
  ['warm rebuild ≤ 30% of cold', fig.warm, fig.cold],
  ['10× build ≤ 12× the 1× time', fig.scale10, fig.cold],
]) {
  const row = results.budgets.find((x) => x.name === name);
  if (row && mixed(a, b)) row.note = 'figures from different runs';
}
const nameWidth = Math.max(40, ...results.budgets.map((b) => b.name.length));
console.log(`\n${'Budget'.padEnd(nameWidth)}    value      limit   result`);
for (const b of results.budgets)
  console.log(
    `${b.name.padEnd(nameWidth)} ${String(b.value).padStart(8)} ${b.unit.padEnd(2)} ${String(b.limit).padStart(6)}   ${b.met === null ? 'n/a' : b.met ? 'met' : 'MISSED'}${b.note ? `  (${b.note})` : ''}`,
  );
if (hist?.warm)
  console.log(
    `\nwarm rebuild after one commit: ${hist.warm.pagesRendered ?? 'n/a'} pages rendered, ${hist.warm.pagesKept ?? 'n/a'} kept (best run; ${hist.warm.htmlRewritten} HTML files rewritten)${hist.fromPreviousRun ? ` (from the run of ${hist.fromPreviousRun})` : ''}`,
  );
console.log('\nwritten to bench/results.json');
for (const e of readdirSync(benchTmp))
  if (e.startsWith('trash-') || ['floor', 'corpus-1x', 'dist-full', 'dist-10x'].includes(e))
    rmSync(join(benchTmp, e), { recursive: true, force: true });
