import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { highlightWorkerRunning, renderHighlighted, useHighlightWorker } from '../../../src/build/highlight/highlight';
import { SEARCHES } from './searches';

const WORKER = join(import.meta.dirname, '..', '..', '..', 'src', 'build', 'highlight', 'highlight-worker.mjs');

/** A build highlights in a worker thread; its HTML must be exactly what this thread makes. */
describe('highlight worker', () => {
  afterAll(() => useHighlightWorker(null));

  it('gives the same HTML as the main thread, for SPL, YAML, JSON, plain text and pathological input', async () => {
    const samples: [string, 'spl' | 'yaml' | 'json' | 'text'][] = [
      ...Object.values(SEARCHES)
        .slice(0, 8)
        .map((s) => [s, 'spl'] as [string, 'spl']),
      ['name: x\nlist: [1, 2]\n', 'yaml'],
      ['{"a": [1, "b"]}', 'json'],
      ['<script>alert(1)</script>', 'text'],
      [`${'('.repeat(200)}index=main${')'.repeat(200)}`, 'spl'],
    ];
    useHighlightWorker(null);
    const local = await Promise.all(samples.map(([c, l]) => renderHighlighted(c, l)));
    useHighlightWorker(WORKER);
    const remote = await Promise.all(samples.map(([c, l]) => renderHighlighted(c, l)));
    expect(highlightWorkerRunning()).toBe(true);
    expect(remote).toEqual(local);
    expect(remote[10]).toContain('&#x3C;script>');
  });

  it('falls back to this thread when the worker cannot start', async () => {
    useHighlightWorker(join(import.meta.dirname, 'no-such-worker.mjs'));
    const html = await renderHighlighted('index=main | stats count', 'spl');
    expect(html).toContain('<pre class="shiki');
    expect(highlightWorkerRunning()).toBe(false);
  });

  it('keeps the disk cache in the worker: a later build is served from the file, and only new code is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-worker-cache-'));
    vi.stubEnv('CATALOG_CACHE_DIR', dir);
    const fresh = async () => {
      delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('detection-catalog.highlight-cache')];
      vi.resetModules();
      const m = await import('../../../src/build/highlight/highlight');
      m.useHighlightWorker(WORKER);
      return m;
    };
    const first = await fresh();
    const html = await first.highlight('index=main | stats count by host', 'spl');
    expect(first.highlightWorkerRunning()).toBe(true);
    await first.flushHighlightCache();
    first.useHighlightWorker(null);
    const [file] = readdirSync(dir);
    const saved = deserialize(readFileSync(join(dir, file!))) as {
      run: number;
      entries: Record<string, { v: string; run: number }>;
    };
    expect(Object.values(saved.entries).map((e) => e.v)).toEqual([html]);

    // The next build's worker answers from the file, even where Shiki would differ.
    const k = Object.keys(saved.entries)[0]!;
    writeFileSync(
      join(dir, file!),
      serialize({ run: 1, entries: { [k]: { v: '<pre data-from-cache></pre>', run: 1 } } }),
    );
    const second = await fresh();
    expect(await second.highlight('index=main | stats count by host', 'spl')).toBe('<pre data-from-cache></pre>');
    await second.flushHighlightCache();
    // Nothing new: the file is left as it was.
    expect(deserialize(readFileSync(join(dir, file!))).run).toBe(1);
    await second.highlight('| makeresults', 'spl');
    await second.flushHighlightCache();
    second.useHighlightWorker(null);
    const after = deserialize(readFileSync(join(dir, file!))) as typeof saved;
    expect(after.run).toBe(2);
    expect(Object.keys(after.entries)).toHaveLength(2);
    vi.unstubAllEnvs();
  });
});
