import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fingerprinter, globalFingerprint, PageBuild, pageFile } from '../../../src/lib/build/incremental';
import { PAGE_SETTING_NAMES, parseSettings, SETTING_NAMES, type SettingName } from '../../../src/lib/settings';
import { loadCatalog } from '../../../src/lib/content/load';

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

describe('catalog entities', () => {
  // The fingerprinter hashes entities with plain JSON.stringify, which would drop a Map, a Set,
  // a Date's kind or an undefined field: a page could then be kept with an old value.
  it('are plain JSON data, so their JSON holds everything in them', () => {
    const c = loadCatalog(join(ROOT, 'content'));
    const lists = [c.detections, c.stories, c.macros, c.lookups, c.dataSources, c.baselines, c.investigations, c.playbooks];
    expect(lists.every((l) => l.length > 0)).toBe(true);
    const plain = (v: unknown): boolean =>
      v === null || ['string', 'boolean'].includes(typeof v) || (typeof v === 'number' && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every(plain)) ||
      (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(plain));
    for (const list of lists) for (const e of list) expect(plain(e), (e as { filePath: string }).filePath).toBe(true);
  });
});

describe('PageBuild', () => {
  const entities = () => [[] as object[]];

  function firstBuild(out: string, global = 'g1') {
    const b = new PageBuild(out, global, null);
    const chosen = b.select('r', [{ path: 'x/1/', props: { v: 1 } }, { path: 'x/2/', props: { v: 2 } }], entities);
    expect(chosen.map((e) => e.path)).toEqual(['x/1/', 'x/2/']);
    for (const e of chosen) {
      mkdirSync(join(out, e.path), { recursive: true });
      writeFileSync(pageFile(out, e.path), `page ${e.path}`);
    }
    return b.records();
  }

  it('keeps a page whose props and file are as recorded, and renders the others', () => {
    const out = mkdtempSync(join(tmpdir(), 'inc-'));
    const m = firstBuild(out);
    expect(Object.keys(m).sort()).toEqual(['x/1/', 'x/2/']);
    const b = new PageBuild(out, 'g1', m);
    const chosen = b.select('r', [{ path: 'x/1/', props: { v: 1 } }, { path: 'x/2/', props: { v: 3 } }, { path: 'x/3/', props: { v: 4 } }], entities);
    expect(chosen.map((e) => e.path)).toEqual(['x/2/', 'x/3/']);
    expect([...b.kept]).toEqual(['x/1/']);
  });

  it('renders every page again when the code or settings changed, or for another route', () => {
    const out = mkdtempSync(join(tmpdir(), 'inc-'));
    const m = firstBuild(out);
    expect(new PageBuild(out, 'g2', m).select('r', [{ path: 'x/1/', props: { v: 1 } }], entities)).toHaveLength(1);
    expect(new PageBuild(out, 'g1', m).select('other', [{ path: 'x/1/', props: { v: 1 } }], entities)).toHaveLength(1);
  });

  it('always renders a page whose props cannot be fingerprinted', () => {
    const out = mkdtempSync(join(tmpdir(), 'inc-'));
    const b = new PageBuild(out, 'g1', firstBuild(out));
    const chosen = b.select('r', [{ path: 'x/1/', props: { v: 1, show: () => 'hidden state' } }], entities);
    expect(chosen.map((e) => e.path)).toEqual(['x/1/']);
    expect(b.next.has('x/1/')).toBe(false);
  });

  it('renders a page whose file was changed or removed since', () => {
    const out = mkdtempSync(join(tmpdir(), 'inc-'));
    const m = firstBuild(out);
    writeFileSync(pageFile(out, 'x/1/'), 'edited by hand');
    const later = new Date(Date.now() + 5000);
    utimesSync(pageFile(out, 'x/2/'), later, later);
    const b = new PageBuild(out, 'g1', m);
    expect(b.select('r', [{ path: 'x/1/', props: { v: 1 } }, { path: 'x/2/', props: { v: 2 } }], entities).map((e) => e.path)).toEqual(['x/1/', 'x/2/']);
    expect(b.kept.size).toBe(0);
    rmSync(pageFile(out, 'x/1/'));
    expect(new PageBuild(out, 'g1', m).select('r', [{ path: 'x/1/', props: { v: 1 } }], entities)).toHaveLength(1);
  });
});

describe('globalFingerprint', () => {
  it('follows the code and the site settings, not unrelated environment', () => {
    const root = mkdtempSync(join(tmpdir(), 'proj-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'one');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const env = { SITE_URL: 'https://a.example/', HOME: '/root' };
    const g = globalFingerprint(root, parseSettings(env));
    expect(globalFingerprint(root, parseSettings({ ...env, HOME: '/elsewhere', PWD: '/x', SITE_FOO: 'x', CATALOG_X: '1' }))).toBe(g);
    // A spelling of the same setting is the same build.
    expect(globalFingerprint(root, parseSettings({ ...env, BASE_PATH: '/', CATALOG_LENIENT: 'no', SPLUNK_APP: ' search ' }))).toBe(g);
    writeFileSync(join(root, 'src', 'a.ts'), 'two');
    expect(globalFingerprint(root, parseSettings(env))).not.toBe(g);
    writeFileSync(join(root, 'src', 'a.ts'), 'one');
    writeFileSync(join(root, 'package-lock.json'), '{"v":2}');
    expect(globalFingerprint(root, parseSettings(env))).not.toBe(g);
  });

  it('changes with every setting that shapes the output, and with no other', () => {
    const root = mkdtempSync(join(tmpdir(), 'proj-'));
    const other: Record<SettingName, string> = {
      CONTENT_DIR: '/elsewhere',
      CATALOG_LENIENT: '1',
      CATALOG_INCREMENTAL: '0',
      SITE_URL: 'https://b.example/',
      BASE_PATH: '/catalog',
      SITE_NAME: 'Other',
      SPLUNK_WEB_URL: 'https://splunk.example:8000',
      SPLUNK_APP: 'es',
      REPO_URL: 'https://example.org/fork',
      REPO_BRANCH: 'main',
      CATALOG_CACHE_DIR: '/tmp/cache',
      ASTRO_TELEMETRY_DISABLED: '0',
    };
    const g = globalFingerprint(root, parseSettings({}), 'code');
    const changes = SETTING_NAMES.filter((k) => globalFingerprint(root, parseSettings({ [k]: other[k] }), 'code') !== g);
    expect(changes).toEqual(PAGE_SETTING_NAMES);
    expect(PAGE_SETTING_NAMES).toEqual(SETTING_NAMES.filter((k) => k !== 'CATALOG_CACHE_DIR' && k !== 'ASTRO_TELEMETRY_DISABLED'));
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
