import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  Fingerprinter,
  globalFingerprint,
  loaderFingerprint,
  PageBuild,
  pageFile,
} from '../../../src/build/incremental';
import { PAGE_SETTING_NAMES, parseSettings, SETTING_NAMES, type SettingName } from '../../../src/lib/settings';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { KINDS } from '../../../src/content/kinds';

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

describe('Fingerprinter with named objects', () => {
  it('uses the name given for an object instead of its content, and a new name changes the print', () => {
    const version = { search: '| tstats count', description: 'long text' };
    const page = { history: [{ commit: 'c1', data: version }] };
    const named = new Fingerprinter([], [[version, 'blob 1']]);
    const before = named.fingerprint(page);
    // Content behind a name is not read: the blob id stands for it.
    version.description = 'changed in place';
    expect(named.fingerprint(page)).toBe(before);
    expect(new Fingerprinter([], [[version, 'blob 2']]).fingerprint(page)).not.toBe(before);
    // Without a name the content counts.
    expect(new Fingerprinter([]).fingerprint(page)).not.toBe(before);
  });
});

describe('catalog entities', () => {
  // The fingerprinter hashes entities with plain JSON.stringify, which would drop a Map, a Set,
  // a Date's kind or an undefined field: a page could then be kept with an old value.
  it('are plain JSON data, so their JSON holds everything in them', () => {
    const c = loadCatalog(join(ROOT, 'content'));
    const lists = KINDS.map((k) => c[k.key]);
    expect(lists.every((l) => l.length > 0)).toBe(true);
    const plain = (v: unknown): boolean =>
      v === null ||
      ['string', 'boolean'].includes(typeof v) ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every(plain)) ||
      (typeof v === 'object' &&
        Object.getPrototypeOf(v) === Object.prototype &&
        Object.values(v as object).every(plain));
    for (const list of lists) for (const e of list) expect(plain(e), (e as { filePath: string }).filePath).toBe(true);
  });
});

describe('PageBuild', () => {
  const entities = () => [[] as object[]];

  function firstBuild(out: string, global = 'g1') {
    const b = new PageBuild(out, global, null);
    const chosen = b.select(
      'r',
      [
        { path: 'x/1/', props: { v: 1 } },
        { path: 'x/2/', props: { v: 2 } },
      ],
      entities,
    );
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
    const chosen = b.select(
      'r',
      [
        { path: 'x/1/', props: { v: 1 } },
        { path: 'x/2/', props: { v: 3 } },
        { path: 'x/3/', props: { v: 4 } },
      ],
      entities,
    );
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
    expect(
      b
        .select(
          'r',
          [
            { path: 'x/1/', props: { v: 1 } },
            { path: 'x/2/', props: { v: 2 } },
          ],
          entities,
        )
        .map((e) => e.path),
    ).toEqual(['x/1/', 'x/2/']);
    expect(b.kept.size).toBe(0);
    rmSync(pageFile(out, 'x/1/'));
    expect(new PageBuild(out, 'g1', m).select('r', [{ path: 'x/1/', props: { v: 1 } }], entities)).toHaveLength(1);
  });
});

describe('loaderFingerprint', () => {
  it("follows the loader's code and the dependencies, not pages, components, the build or the config", () => {
    const root = mkdtempSync(join(tmpdir(), 'proj-'));
    for (const d of ['lib', 'content', 'domain', 'components', 'pages', 'build']) {
      mkdirSync(join(root, 'src', d), { recursive: true });
      writeFileSync(join(root, 'src', d, 'a.ts'), 'one');
    }
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'astro.config.mjs'), 'one');
    const f = loaderFingerprint(root);
    for (const d of ['components', 'pages', 'build']) writeFileSync(join(root, 'src', d, 'a.ts'), 'two');
    writeFileSync(join(root, 'astro.config.mjs'), 'two');
    expect(loaderFingerprint(root)).toBe(f);
    for (const d of ['lib', 'content', 'domain']) {
      writeFileSync(join(root, 'src', d, 'a.ts'), 'two');
      expect(loaderFingerprint(root), d).not.toBe(f);
      writeFileSync(join(root, 'src', d, 'a.ts'), 'one');
    }
    expect(loaderFingerprint(root)).toBe(f);
    writeFileSync(join(root, 'package-lock.json'), '{"v":2}');
    expect(loaderFingerprint(root)).not.toBe(f);
    rmSync(root, { recursive: true, force: true });
  });

  it('covers every file the loader imports: src/lib, src/content and src/domain import nothing else of src', () => {
    const src = join(process.cwd(), 'src');
    for (const dir of ['lib', 'content', 'domain'])
      for (const f of readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(ts|mjs|js)$/.test(f)) continue;
        const file = join(src, dir, f);
        for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
          const to = relative(src, join(file, '..', m[1])).split(/[\\/]/)[0];
          expect(['lib', 'content', 'domain'], `${dir}/${f} imports ${m[1]}`).toContain(to);
        }
      }
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
    expect(
      globalFingerprint(root, parseSettings({ ...env, HOME: '/elsewhere', PWD: '/x', SITE_FOO: 'x', CATALOG_X: '1' })),
    ).toBe(g);
    // A spelling of the same setting is the same build.
    expect(
      globalFingerprint(root, parseSettings({ ...env, BASE_PATH: '/', CATALOG_LENIENT: 'no', SPLUNK_APP: ' search ' })),
    ).toBe(g);
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
      CATALOG_HISTORY: '0',
      SITE_URL: 'https://b.example/',
      BASE_PATH: '/catalog',
      SITE_NAME: 'Other',
      SPLUNK_WEB_URL: 'https://splunk.example:8000',
      SPLUNK_APP: 'es',
      REPO_URL: 'https://example.org/fork',
      REPO_BRANCH: 'main',
      CATALOG_CACHE_DIR: '/tmp/cache',
      ASTRO_TELEMETRY_DISABLED: '0',
      CATALOG_REPORT: 'github',
      CATALOG_LOG: 'verbose',
      CI: 'true',
    };
    const g = globalFingerprint(root, parseSettings({}), 'code');
    const changes = SETTING_NAMES.filter(
      (k) => globalFingerprint(root, parseSettings({ [k]: other[k] }), 'code') !== g,
    );
    expect(changes).toEqual(PAGE_SETTING_NAMES);
    // Only the log changes with these: a CI build and a local one share their pages.
    const logOnly = ['CATALOG_CACHE_DIR', 'ASTRO_TELEMETRY_DISABLED', 'CATALOG_REPORT', 'CATALOG_LOG', 'CI'];
    expect(PAGE_SETTING_NAMES).toEqual(SETTING_NAMES.filter((k) => !logOnly.includes(k)));
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

const READS_CONTENT = new Set(['catalog', 'session', 'currentSession', 'getCollection', 'getEntry']);
const ROUTE_HELPERS = new Set(['entityRoute', 'catalogRoute']);

/**
 * The calls a route's code makes, read with the TypeScript parser from its frontmatter (the
 * part between the `---` fences of an `.astro` file) or the whole `.ts` route: each call's
 * callee name (an imported function under its imported name, `x.f()` as `f`), whatever its
 * type arguments, and whether it sits inside `getStaticPaths`.
 */
function routeCalls(file: string, text: string): { callee: string; line: number; inGetStaticPaths: boolean }[] {
  let code = text;
  let firstLine = 1;
  if (file.endsWith('.astro')) {
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    code = m ? m[1] : '';
    firstLine = 2;
  }
  const sf = ts.createSourceFile(file.replace(/\.astro$/, '.ts'), code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // `import { catalog as c }` makes `c()` a catalog call.
  const imported = new Map<string, string>();
  for (const st of sf.statements) {
    const named = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    if (named && ts.isNamedImports(named))
      for (const el of named.elements) imported.set(el.name.text, (el.propertyName ?? el.name).text);
  }
  const isGetStaticPaths = (n: ts.Node) =>
    (ts.isFunctionDeclaration(n) && n.name?.text === 'getStaticPaths') ||
    (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'getStaticPaths');
  const calls: { callee: string; line: number; inGetStaticPaths: boolean }[] = [];
  const visit = (n: ts.Node, inside: boolean) => {
    const within = inside || isGetStaticPaths(n);
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const name = ts.isIdentifier(e)
        ? (imported.get(e.text) ?? e.text)
        : ts.isPropertyAccessExpression(e)
          ? e.name.text
          : null;
      if (name)
        calls.push({
          callee: name,
          line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + firstLine,
          inGetStaticPaths: within,
        });
    }
    ts.forEachChild(n, (c) => visit(c, within));
  };
  visit(sf, false);
  return calls;
}

describe('what kept pages may depend on', () => {
  it('incremental pages read the catalog in getStaticPaths only, and components never do', () => {
    const all = sources('src/pages', /\.(astro|ts)$/).map(([file, text]) => ({ file, calls: routeCalls(file, text) }));
    const pages = all.filter((p) => p.calls.some((c) => ROUTE_HELPERS.has(c.callee)));
    // Routes passing a type argument (catalogRoute<TechniqueView>(…)) are pages like the others.
    expect(pages.map((p) => p.file)).toContain(join('src', 'pages', '[folder]', '[id].astro'));
    expect(pages.map((p) => p.file)).toContain(join('src', 'pages', 'techniques', '[tid]', 'index.astro'));
    expect(pages.length).toBeGreaterThanOrEqual(15);
    for (const { file, calls } of pages) {
      expect(
        calls.filter((c) => ROUTE_HELPERS.has(c.callee) && !c.inGetStaticPaths),
        `${file} calls a route helper outside getStaticPaths`,
      ).toEqual([]);
      const outside = calls.filter((c) => READS_CONTENT.has(c.callee) && !c.inGetStaticPaths);
      expect(
        outside.map((c) => `${c.callee}() at ${file}:${c.line}`),
        `${file} reads the catalog outside getStaticPaths`,
      ).toEqual([]);
    }
    for (const [file, text] of [...sources('src/components', /\.astro$/), ...sources('src/layouts', /\.astro$/)]) {
      expect(text, `${file} reads the catalog; pass what it shows as props`).not.toMatch(
        /\bcatalog\(|\bsession\(|currentSession|getCollection|getEntry|astro:content/,
      );
    }
  });
});
