import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFiles } from '../../../src/lib/build/output';

/** A folder holding a previous build's files, all dated a minute ago. */
function previousBuild(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'out-'));
  const old = new Date(Date.now() - 60_000);
  for (const [p, text] of Object.entries(files)) {
    const f = join(root, p);
    mkdirSync(join(f, '..'), { recursive: true });
    writeFileSync(f, text);
    utimesSync(f, old, old);
  }
  return root;
}

describe('OutputFiles', () => {
  it('leaves a file holding the same bytes untouched, and rewrites a changed one', () => {
    const root = previousBuild({ 'a/index.html': 'same', 'b/index.html': 'old' });
    const out = new OutputFiles(Date.now());
    const before = statSync(join(root, 'a/index.html')).mtimeMs;
    expect(out.write(join(root, 'a/index.html'), 'same')).toBe(false);
    expect(statSync(join(root, 'a/index.html')).mtimeMs).toBe(before);
    expect(out.write(join(root, 'b/index.html'), 'new')).toBe(true);
    expect(readFileSync(join(root, 'b/index.html'), 'utf8')).toBe('new');
    expect(out.write(join(root, 'c/d/index.html'), 'created')).toBe(true);
  });

  it('prunes what this build did not produce, and the folders left empty', () => {
    const root = previousBuild({ 'kept/index.html': 'k', 'gone/index.html': 'g', 'deep/er/x.json': '{}', 'page/index.html': 'p' });
    const out = new OutputFiles(Date.now() - 10);
    out.write(join(root, 'kept/index.html'), 'k');
    // A file another writer (Astro) produced during this build: fresh by its time stamp.
    writeFileSync(join(root, 'page/index.html'), 'rendered now');
    expect(out.prune(root)).toBe(2);
    expect(existsSync(join(root, 'kept/index.html'))).toBe(true);
    expect(existsSync(join(root, 'page/index.html'))).toBe(true);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expect(existsSync(join(root, 'deep'))).toBe(false);
  });

  it('knows a left-over file from a page rendered by this build', () => {
    const root = previousBuild({ 'old/index.html': 'redirect from last time' });
    const out = new OutputFiles(Date.now() - 10);
    expect(out.fresh(join(root, 'old/index.html'))).toBe(false);
    writeFileSync(join(root, 'new.html'), 'x');
    expect(out.fresh(join(root, 'new.html'))).toBe(true);
    expect(out.fresh(join(root, 'missing.html'))).toBe(false);
  });
});
