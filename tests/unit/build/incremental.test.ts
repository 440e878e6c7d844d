import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fingerprinter, globalFingerprint, isSettingName, PageKeys } from '../../../src/lib/build/incremental';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('Fingerprinter', () => {
  it('changes with any shown value, including entities reached through props and Map/Set contents', () => {
    const det = { id: 'a', name: 'A', description: 'old' };
    const other = { id: 'b', name: 'B', description: 'x' };
    const page = (d: object, o: object) => ({ d, related: [o], tags: new Set(['x']), byId: new Map([['k', 1]]) });
    const fp = new Fingerprinter([[det, other]]);
    const before = fp.fingerprint(page(det, other));
    expect(fp.fingerprint(page(det, other))).toBe(before);
    expect(fp.fingerprint({ ...page(det, other), tags: new Set(['y']) })).not.toBe(before);
    expect(fp.fingerprint({ ...page(det, other), byId: new Map([['k', 2]]) })).not.toBe(before);
    // The next build's catalog holds new objects, hashed by content: equal content, equal print.
    const again = [{ ...det }, { ...other }];
    expect(new Fingerprinter([again]).fingerprint(page(again[0], again[1]))).toBe(before);
    const edited = [{ ...det }, { ...other, description: 'edited' }];
    expect(new Fingerprinter([edited]).fingerprint(page(edited[0], edited[1]))).not.toBe(before);
  });
});

describe('PageKeys', () => {
  const entities = () => [[] as object[]];

  it('gives a page the same key for the same props, code and settings, and a new one otherwise', () => {
    const keys = new PageKeys('g1');
    const k = keys.keyOf('r', { path: 'x/1/', props: { v: 1 } }, entities);
    expect(keys.keyOf('r', { path: 'x/1/', props: { v: 1 } }, entities)).toBe(k);
    expect(keys.keyOf('r', { path: 'x/1/', props: { v: 2 } }, entities)).not.toBe(k);
    expect(keys.keyOf('r', { path: 'x/2/', props: { v: 1 } }, entities)).not.toBe(k);
    expect(keys.keyOf('other', { path: 'x/1/', props: { v: 1 } }, entities)).not.toBe(k);
    expect(new PageKeys('g2').keyOf('r', { path: 'x/1/', props: { v: 1 } }, entities)).not.toBe(k);
  });

  it('gives no key (rendered every time) to props that cannot be fingerprinted', () => {
    expect(new PageKeys('g1').keyOf('r', { path: 'x/1/', props: { v: 1, show: () => 'hidden state' } }, entities)).toBeUndefined();
  });
});

describe('globalFingerprint', () => {
  it('follows the code and the site settings, not unrelated environment', () => {
    const root = mkdtempSync(join(tmpdir(), 'proj-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'one');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const env = { SITE_URL: 'https://a.example/', HOME: '/root' };
    const g = globalFingerprint(root, env);
    expect(globalFingerprint(root, { ...env, HOME: '/elsewhere', PWD: '/x' })).toBe(g);
    expect(globalFingerprint(root, { ...env, SITE_URL: 'https://b.example/' })).not.toBe(g);
    expect(globalFingerprint(root, { ...env, SPLUNK_APP: 'es' })).not.toBe(g);
    writeFileSync(join(root, 'src', 'a.ts'), 'two');
    expect(globalFingerprint(root, env)).not.toBe(g);
    writeFileSync(join(root, 'src', 'a.ts'), 'one');
    writeFileSync(join(root, 'package-lock.json'), '{"v":2}');
    expect(globalFingerprint(root, env)).not.toBe(g);
  });
});

/** Source files of the project, as [path relative to the root, text]. */
function sources(dir: string, ext: RegExp): [string, string][] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => {
      const p = join(e.parentPath, e.name);
      return [relative(ROOT, p), readFileSync(p, 'utf8')];
    });
}

describe('what kept pages may depend on', () => {
  it('every environment variable the site reads is part of the build fingerprint', () => {
    const files = [...sources('src', /\.(ts|astro|mjs)$/), ['astro.config.mjs', readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8')] as [string, string]];
    const names = new Set<string>();
    for (const [, text] of files) for (const m of text.matchAll(/(?<!import\.meta\.)\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1]);
    expect(names.size).toBeGreaterThan(5);
    expect([...names].filter((n) => !isSettingName(n))).toEqual([]);
  });

  it('incremental pages call catalog() in getStaticPaths only, and components never do', () => {
    const pages = sources('src/pages', /\.(astro|ts)$/).filter(([, t]) => t.includes('incrementalPaths('));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const [file, text] of pages) {
      const start = text.search(/export (async function|const) getStaticPaths/);
      expect(start, file).toBeGreaterThan(0);
      const end = /\n\};?\n/.exec(text.slice(start));
      expect(end, file).not.toBeNull();
      const body = text.slice(0, start) + text.slice(start + end!.index + end![0].length);
      expect(body, `${file} reads the catalog outside getStaticPaths`).not.toMatch(/\bcatalog\(|getCollection|getEntry/);
    }
    for (const [file, text] of [...sources('src/components', /\.astro$/), ...sources('src/layouts', /\.astro$/)]) {
      expect(text, `${file} reads the catalog; pass what it shows as props`).not.toMatch(/\bcatalog\(|getCollection|getEntry|astro:content/);
    }
  });
});
