import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { findChromium } from './chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * The machine's own Node (the first `node` on PATH outside this project), which is what the
 * pinned Lighthouse is run with; the running Node when there is none.
 * @param {string} root
 */
function machineNode(root) {
  const projectBin = resolve(root, 'node_modules', '.bin');
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || resolve(dir) === projectBin) continue;
    const p = join(dir, 'node');
    if (existsSync(p)) return p;
  }
  return process.execPath;
}

/**
 * Lighthouse (the version pinned in package.json) on one URL, mobile with simulated throttling
 * as its defaults are, in the machine's Chromium. Returns the four category scores (0–100) and
 * the audits that kept a category below 100, so a missed score says why.
 * @param {string} root the project folder
 * @param {string} url
 * Asynchronous, so a server in the same process (scripts/lib/serve.mjs) can answer meanwhile.
 * @returns {Promise<{url: string, scores: Record<string, number>, failing: {id: string, score: number, title: string}[], metrics: Record<string, number>} | {url: string, error: string}>}
 */
export async function lighthouse(root, url) {
  const chrome = findChromium();
  const out = mkdtempSync(join(tmpdir(), 'lighthouse-'));
  const report = join(out, 'report.json');
  try {
    const child = spawn(
      machineNode(root),
      [
        join(root, 'node_modules', 'lighthouse', 'cli', 'index.js'),
        url,
        '--quiet',
        '--output=json',
        `--output-path=${report}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        // The flags every headless Chromium here needs: no sandbox as root, and no background
        // connections, which this machine's closed network refuses.
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
      ],
      {
        timeout: 180_000,
        env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}), TMPDIR: out },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const status = await new Promise((done) => {
      child.on('error', (e) => done(e.message));
      child.on('close', (code) => done(`exit ${code}`));
    });
    if (!existsSync(report)) return { url, error: (stderr || status).slice(-500) };
    const lhr = JSON.parse(readFileSync(report, 'utf8'));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const failing = [];
    for (const c of CATEGORIES)
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 1)
          failing.push({ id: a.id, score: +a.score.toFixed(2), title: a.title });
      }
    const metric = (id) => lhr.audits[id]?.numericValue;
    return {
      url,
      scores,
      failing,
      metrics: {
        fcpMs: Math.round(metric('first-contentful-paint') ?? 0),
        lcpMs: Math.round(metric('largest-contentful-paint') ?? 0),
        tbtMs: Math.round(metric('total-blocking-time') ?? 0),
        cls: +(metric('cumulative-layout-shift') ?? 0).toFixed(3),
      },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
