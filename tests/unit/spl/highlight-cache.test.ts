import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';

/** The highlighter's disk cache: one file, written at the end, keeping what recent builds used. */
describe('highlight cache', () => {
  it('writes one file with the entries used, and a fresh process reuses them without Shiki', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    vi.stubEnv('CATALOG_CACHE_DIR', dir);
    const key = Symbol.for('detection-catalog.highlight-cache');
    const g = globalThis as unknown as Record<symbol, unknown>;
    delete g[key];
    vi.resetModules();
    const first = await import('../../../src/build/highlight/highlight');
    const html = await first.highlight('index=main | stats count by host', 'spl');
    expect(readdirSync(dir)).toEqual([]);
    (await import('node:fs')).writeFileSync(join(dir, 'spl-00000000-old-version.json'), '{}');
    await first.flushHighlightCache();
    // One file: the current version's (an older version's cache is removed).
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('old-version');
    const saved = deserialize(readFileSync(join(dir, files[0]))) as {
      run: number;
      entries: Record<string, { v: string; run: number }>;
    };
    expect(saved.run).toBe(1);
    expect(Object.values(saved.entries).map((e) => e.v)).toEqual([html]);

    // A new process: the cached HTML is returned as stored, even if it differs from Shiki's.
    const k = Object.keys(saved.entries)[0];
    const marked = html.replace('<pre', '<pre data-from-cache');
    const entries = { [k]: { v: marked, run: 1 }, recent: { v: 'r', run: 1 }, old: { v: 'o', run: -10 } };
    (await import('node:fs')).writeFileSync(join(dir, files[0]), serialize({ run: 1, entries }));
    delete g[key];
    vi.resetModules();
    const second = await import('../../../src/build/highlight/highlight');
    expect(await second.highlight('index=main | stats count by host', 'spl')).toBe(marked);
    await second.flushHighlightCache();
    // Nothing new was highlighted: the file is not rewritten.
    expect(deserialize(readFileSync(join(dir, files[0]))).entries.old).toBeTruthy();
    await second.highlight('| makeresults', 'spl');
    await second.flushHighlightCache();
    // Entries recent builds used are kept (pages an incremental build did not render); old ones go.
    const after = deserialize(readFileSync(join(dir, files[0]))) as typeof saved;
    expect(after.run).toBe(2);
    expect(Object.keys(after.entries)).toEqual(expect.arrayContaining([k, 'recent']));
    expect(after.entries.old).toBeUndefined();
    expect(Object.keys(after.entries)).toHaveLength(3);
    vi.unstubAllEnvs();
  });
});

describe('highlight colours', () => {
  it('colours field names in both themes (the GitHub themes leave them plain)', async () => {
    const { highlight } = await import('../../../src/build/highlight/highlight');
    const html = await highlight(
      '`kube_container_falco` rule="Terminal shell in container" | stats count by user',
      'spl',
    );
    expect(html).toMatch(/<span class="cl-953800 cd-ffa657">rule<\/span>/);
  });
});
