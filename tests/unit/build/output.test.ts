import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFiles, readOutputRecord, writeOutputRecord } from '../../../src/build/output';

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
    const root = previousBuild({
      'kept/index.html': 'k',
      'gone/index.html': 'g',
      'deep/er/x.json': '{}',
      'page/index.html': 'p',
    });
    const out = new OutputFiles(Date.now() - 10);
    out.write(join(root, 'kept/index.html'), 'k');
    // A file another writer (Astro) produced during this build: fresh by its time stamp.
    writeFileSync(join(root, 'page/index.html'), 'rendered now');
    expect(out.prune(root).removed).toBe(2);
    expect(existsSync(join(root, 'kept/index.html'))).toBe(true);
    expect(existsSync(join(root, 'page/index.html'))).toBe(true);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expect(existsSync(join(root, 'deep'))).toBe(false);
  });

  it('prunes from the list the last build left, without walking the folders, and lists what is left', () => {
    const root = previousBuild({
      'kept/index.html': 'k',
      'gone/deep/index.html': 'g',
      'page/index.html': 'p',
      'untracked/index.html': 'u',
    });
    const previous = ['kept/index.html', 'gone/deep/index.html', 'page/index.html', 'vanished.json'].map((f) =>
      join(root, f),
    );
    const out = new OutputFiles(Date.now() - 10);
    out.write(join(root, 'kept/index.html'), 'k');
    writeFileSync(join(root, 'page/index.html'), 'rendered now');
    out.write(join(root, 'new/index.html'), 'n');
    const { removed, produced } = out.prune(root, previous);
    expect(removed).toBe(1);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expect(produced.sort()).toEqual(['kept/index.html', 'new/index.html', 'page/index.html'].map((f) => join(root, f)));
    // Not on the list and not this build's: left for the next full walk (a build without a record).
    expect(existsSync(join(root, 'untracked/index.html'))).toBe(true);
    expect(new OutputFiles(Date.now() + 1000).prune(root).produced).not.toContain(join(root, 'untracked/index.html'));
  });

  it('knows a left-over file from a page rendered by this build', () => {
    const root = previousBuild({ 'old/index.html': 'redirect from last time' });
    const out = new OutputFiles(Date.now() - 10);
    expect(out.fresh(join(root, 'old/index.html'))).toBe(false);
    writeFileSync(join(root, 'new.html'), 'x');
    expect(out.fresh(join(root, 'new.html'))).toBe(true);
    expect(out.fresh(join(root, 'missing.html'))).toBe(false);
  });

  it('trusts its own record of a file, and rewrites one changed since', () => {
    const root = previousBuild({});
    const first = new OutputFiles(Date.now() - 10);
    first.write(join(root, 'a/index.html'), 'alpha');
    first.write(join(root, 'b/index.html'), 'beta');
    const records = Object.fromEntries(first.records);
    expect(Object.keys(records).sort()).toEqual([join(root, 'a/index.html'), join(root, 'b/index.html')]);
    // Someone edits b (new bytes, new time stamp) between the builds.
    writeFileSync(join(root, 'b/index.html'), 'BETA!');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'b/index.html'), later, later);
    const second = new OutputFiles(Date.now() - 10, records);
    expect(second.write(join(root, 'a/index.html'), 'alpha')).toBe(false);
    expect(second.write(join(root, 'b/index.html'), 'beta')).toBe(true);
    expect(readFileSync(join(root, 'b/index.html'), 'utf8')).toBe('beta');
    expect(second.kept.has(join(root, 'a/index.html'))).toBe(true);
  });

  it('writeAll keeps, rewrites and creates like write', async () => {
    const root = previousBuild({ 'same/index.html': 'same', 'old/index.html': 'old' });
    const out = new OutputFiles(Date.now() - 10);
    const n = await out.writeAll(
      [
        [join(root, 'same/index.html'), 'same'],
        [join(root, 'old/index.html'), 'new'],
        [join(root, 'x/y/index.html'), 'created'],
      ],
      2,
    );
    expect(n).toBe(2);
    expect(readFileSync(join(root, 'old/index.html'), 'utf8')).toBe('new');
    expect(readFileSync(join(root, 'x/y/index.html'), 'utf8')).toBe('created');
    expect(out.kept.has(join(root, 'same/index.html'))).toBe(true);
    expect(out.records.size).toBe(3);
  });
});

describe('output record', () => {
  const record = (out: string) => ({
    version: 3 as const,
    global: 'g1',
    files: { [join(out, 'a.json')]: { size: 1, mtimeMs: 1, hash: 'h' } },
    pages: { 'x/1/': { fp: 'g1.f', size: 3, mtimeMs: 2 } },
    produced: [join(out, 'a.json')],
  });

  it('removes the records of output folders that are gone', () => {
    const cache = mkdtempSync(join(tmpdir(), 'inc-cache-'));
    const gone = mkdtempSync(join(tmpdir(), 'inc-gone-'));
    const kept = mkdtempSync(join(tmpdir(), 'inc-kept-'));
    writeOutputRecord(join(cache, 'gone.json'), record(gone), gone);
    rmSync(gone, { recursive: true });
    writeOutputRecord(join(cache, 'kept.json'), record(kept), kept);
    expect(readdirSync(cache).sort()).toEqual(['kept.json', 'kept.json.dir']);
  });

  it('ignores a record made with other code or settings', () => {
    const out = mkdtempSync(join(tmpdir(), 'inc-'));
    const file = join(out, 'cache', 'm.json');
    writeOutputRecord(file, record(out), out);
    expect(readOutputRecord(file, 'g1')?.files).toEqual(record(out).files);
    expect(readOutputRecord(file, 'g2')).toBeNull();
    expect(readOutputRecord(join(out, 'missing.json'), 'g1')).toBeNull();
  });
});
