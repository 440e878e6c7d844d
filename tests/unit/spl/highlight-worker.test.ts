import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { highlightWorkerRunning, renderHighlighted, useHighlightWorker } from '../../../src/lib/spl/highlight';
import { SEARCHES } from './searches';

const WORKER = join(import.meta.dirname, '..', '..', '..', 'src', 'lib', 'spl', 'highlight-worker.mjs');

/** A build highlights in a worker thread; its HTML must be exactly what this thread makes. */
describe('highlight worker', () => {
  afterAll(() => useHighlightWorker(null));

  it('gives the same HTML as the main thread, for SPL, YAML, JSON, plain text and pathological input', async () => {
    const samples: [string, 'spl' | 'yaml' | 'json' | 'text'][] = [
      ...Object.values(SEARCHES).slice(0, 8).map((s) => [s, 'spl'] as [string, 'spl']),
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
});
