import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** The highlighter's disk cache: one file, written at the end, holding only what was used. */
describe('highlight cache', () => {
  it('writes one file with the entries used, and a fresh process reuses them without Shiki', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    vi.stubEnv('CATALOG_CACHE_DIR', dir);
    const key = Symbol.for('detection-catalog.highlight-cache');
    const g = globalThis as unknown as Record<symbol, unknown>;
    delete g[key];
    vi.resetModules();
    const first = await import('../../../src/lib/spl/highlight');
    const html = await first.highlight('index=main | stats count by host', 'spl');
    expect(readdirSync(dir)).toEqual([]);
    (await import('node:fs')).writeFileSync(join(dir, 'spl-00000000-old-version.json'), '{}');
    first.flushHighlightCache();
    // One file: the current version's (an older version's cache is removed).
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('old-version');
    expect(Object.values(JSON.parse(readFileSync(join(dir, files[0]), 'utf8')))).toEqual([html]);

    // A new process: the cached HTML is returned as stored, even if it differs from Shiki's.
    const stored = JSON.parse(readFileSync(join(dir, files[0]), 'utf8')) as Record<string, string>;
    const k = Object.keys(stored)[0];
    const marked = html.replace('<pre', '<pre data-from-cache');
    (await import('node:fs')).writeFileSync(join(dir, files[0]), JSON.stringify({ [k]: marked, stale: 'x' }));
    delete g[key];
    vi.resetModules();
    const second = await import('../../../src/lib/spl/highlight');
    expect(await second.highlight('index=main | stats count by host', 'spl')).toBe(marked);
    second.flushHighlightCache();
    // Entries this build did not use are dropped.
    expect(Object.keys(JSON.parse(readFileSync(join(dir, files[0]), 'utf8')))).toEqual([k]);
    vi.unstubAllEnvs();
  });
});

describe('highlight colours', () => {
  it('colours field names in both themes (the GitHub themes leave them plain)', async () => {
    const { highlight } = await import('../../../src/lib/spl/highlight');
    const html = await highlight('`kube_container_falco` rule="Terminal shell in container" | stats count by user', 'spl');
    expect(html).toMatch(/<span style="--shiki-light:#953800;--shiki-dark:#FFA657"[^>]*>rule<\/span>/i);
  });
});
