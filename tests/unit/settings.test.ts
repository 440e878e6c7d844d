import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings, SETTING_NAMES, SettingsError } from '../../src/lib/settings';

const ROOT = join(import.meta.dirname, '..', '..');

const errorLines = (env: Record<string, string>): readonly string[] => {
  try {
    parseSettings(env);
  } catch (e) {
    if (e instanceof SettingsError) return e.lines;
    throw e;
  }
  return [];
};

describe('settings', () => {
  it('defaults to the values the site has always had, frozen', () => {
    const s = parseSettings({});
    expect({ ...s, unset: undefined }).toEqual({
      CONTENT_DIR: './content',
      CATALOG_LENIENT: false,
      CATALOG_INCREMENTAL: true,
      CATALOG_HISTORY: true,
      SITE_URL: 'http://127.0.0.1:4321',
      BASE_PATH: '/',
      SITE_NAME: 'Detection Catalog',
      SPLUNK_WEB_URL: '',
      SPLUNK_APP: 'search',
      REPO_URL: 'https://github.com/splunk/security_content',
      REPO_BRANCH: 'develop',
      CATALOG_CACHE_DIR: undefined,
      ASTRO_TELEMETRY_DISABLED: true,
      CATALOG_REPORT: 'text',
      CATALOG_LOG: 'quiet',
      CI: false,
      unset: undefined,
    });
    expect(s.unset).toEqual(SETTING_NAMES);
    expect(Object.isFrozen(s)).toBe(true);
    // Empty or blank text is the default too.
    expect(parseSettings({ SITE_NAME: '  ', SITE_URL: '' }).SITE_NAME).toBe('Detection Catalog');
    expect(parseSettings({ SITE_URL: '' }).unset).toContain('SITE_URL');
    expect(parseSettings({ SITE_URL: 'https://x.example' }).unset).not.toContain('SITE_URL');
  });

  it('reads only its own variables', () => {
    expect(parseSettings({ HOME: '/root', CATALOG_LENIENTT: 'yes' })).toEqual(parseSettings({}));
  });

  it('spells every flag one way: 1/true/yes/on, 0/false/no/off/empty, any case, unset is the default', () => {
    for (const name of [
      'CATALOG_LENIENT',
      'CATALOG_INCREMENTAL',
      'CATALOG_HISTORY',
      'ASTRO_TELEMETRY_DISABLED',
    ] as const) {
      for (const v of ['1', 'true', 'TRUE', 'yes', 'Yes', 'on', ' on '])
        expect(parseSettings({ [name]: v })[name], `${name}=${v}`).toBe(true);
      for (const v of ['0', 'false', 'False', 'no', 'NO', 'off', '', ' '])
        expect(parseSettings({ [name]: v })[name], `${name}=${v}`).toBe(false);
    }
    expect(parseSettings({}).CATALOG_LENIENT).toBe(false);
    expect(parseSettings({}).CATALOG_INCREMENTAL).toBe(true);
  });

  it('rejects any other flag value with one line naming the variable and the accepted values', () => {
    expect(errorLines({ CATALOG_INCREMENTAL: 'nope' })).toEqual([
      'CATALOG_INCREMENTAL="nope" must be one of 1, true, yes, on (on) or 0, false, no, off or empty (off)',
    ]);
    expect(errorLines({ CATALOG_LENIENT: '2' })).toHaveLength(1);
    expect(errorLines({ CATALOG_LENIENT: '2' })[0]).toMatch(/^CATALOG_LENIENT="2" must be one of/);
  });

  it('takes only absolute http(s) URLs for SITE_URL, SPLUNK_WEB_URL and REPO_URL', () => {
    for (const name of ['SITE_URL', 'SPLUNK_WEB_URL', 'REPO_URL'] as const) {
      for (const bad of [
        'javascript:alert(1)',
        'ftp://example.org',
        'example.org',
        '//example.org',
        'http://',
        'https://exa mple.org',
      ]) {
        expect(errorLines({ [name]: bad }), `${name}=${bad}`).toEqual([
          `${name}=${JSON.stringify(bad)} must be an absolute http:// or https:// URL`,
        ]);
      }
      expect(parseSettings({ [name]: ' https://example.org/x ' })[name]).toBe('https://example.org/x');
      expect(parseSettings({ [name]: 'HTTP://example.org:8000' })[name]).toBe('HTTP://example.org:8000');
    }
    expect(parseSettings({ REPO_URL: 'https://example.org/fork//' }).REPO_URL).toBe('https://example.org/fork');
  });

  it('takes CI as any CI service spells it, and only the two report and log modes', () => {
    for (const v of ['true', '1', 'woodpecker', 'TRUE']) expect(parseSettings({ CI: v }).CI, v).toBe(true);
    for (const v of ['false', '0', '', 'off']) expect(parseSettings({ CI: v }).CI, v).toBe(false);
    expect(parseSettings({ CATALOG_REPORT: 'github' }).CATALOG_REPORT).toBe('github');
    expect(errorLines({ CATALOG_REPORT: 'gitlab' })[0]).toMatch(/^CATALOG_REPORT="gitlab" must be text/);
    expect(parseSettings({ CATALOG_LOG: 'verbose' }).CATALOG_LOG).toBe('verbose');
    expect(errorLines({ CATALOG_LOG: 'loud' })[0]).toMatch(/^CATALOG_LOG="loud" must be quiet/);
  });

  it('checks SPLUNK_APP as Try in Splunk does', () => {
    expect(parseSettings({ SPLUNK_APP: 'SplunkEnterpriseSecuritySuite' }).SPLUNK_APP).toBe(
      'SplunkEnterpriseSecuritySuite',
    );
    expect(errorLines({ SPLUNK_APP: 'a/b' })[0]).toMatch(/^SPLUNK_APP="a\/b" must be a Splunk app id/);
  });

  it('lists every bad variable, one line each, in the order of the table', () => {
    expect(
      errorLines({ SITE_URL: 'nope', CATALOG_LENIENT: 'maybe', REPO_URL: 'x' }).map((l) => l.split('=')[0]),
    ).toEqual(['CATALOG_LENIENT', 'SITE_URL', 'REPO_URL']);
  });

  it('normalizes BASE_PATH by the rule every href shares', () => {
    const cases: [string, string][] = [
      ['', '/'],
      ['/', '/'],
      ['catalog', '/catalog/'],
      ['/catalog', '/catalog/'],
      ['/catalog/', '/catalog/'],
      ['//a/b//', '/a/b/'],
      [' /x ', '/x/'],
    ];
    for (const [raw, base] of cases) expect(parseSettings({ BASE_PATH: raw }).BASE_PATH, raw).toBe(base);
    expect(parseSettings({}).BASE_PATH).toBe('/');
  });

  it('stops astro.config.mjs with one line per bad variable and no stack trace', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(join(ROOT, 'astro.config.mjs'))}); console.log('loaded');`,
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_NO_WARNINGS: '1',
          CATALOG_INCREMENTAL: 'sometimes',
          SITE_URL: 'file:///etc/passwd',
        },
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('loaded');
    const lines = r.stderr.split('\n').filter((l) => l.trim());
    expect(lines[0]).toMatch(/^Build stopped: invalid settings/);
    expect(lines.slice(1).map((l) => l.trim().split('=')[0])).toEqual(['CATALOG_INCREMENTAL', 'SITE_URL']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/** The project's own modules, as [path from the root, text]. */
function sourceFiles(): [string, string][] {
  const out: [string, string][] = [['astro.config.mjs', readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8')]];
  for (const e of readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.(ts|mts|js|mjs|astro)$/.test(e.name)) continue;
    const p = join(e.parentPath, e.name);
    out.push([relative(ROOT, p).split('\\').join('/'), readFileSync(p, 'utf8')]);
  }
  return out;
}

/** Every way a module reaches the environment: `process.env`, `process['env']`, `{ env } = process`, `import { env } from 'node:process'`. */
const ENV_ACCESS =
  /\bprocess\s*(?:\?\.|\.)\s*env\b|\bprocess\s*\[\s*['"`]env['"`]\s*\]|\{[^}]*\benv\b[^}]*\}\s*=\s*(?:globalThis\.)?process\b|\bimport\s*\{[^}]*\benv\b[^}]*\}\s*from\s*['"](?:node:)?process['"]/g;

/**
 * The only places besides src/lib/settings.ts that touch the environment, each for a reason
 * the settings cannot serve. The match must be the whole statement, so a second use beside
 * it is caught.
 */
const ALLOWED: Record<string, RegExp[]> = {
  // Writes back the decided setting: Astro's CLI reads the variable itself after the config.
  'astro.config.mjs': [/^process\.env\.ASTRO_TELEMETRY_DISABLED = settings\.ASTRO_TELEMETRY_DISABLED \? '1' : '';$/],
  // Passes the whole environment on to git (PATH, HOME, locale): reads no setting.
  'src/content/git-added.ts': [/^ {4}env: \{ \.\.\.process\.env, GIT_CONFIG_NOSYSTEM/],
};

/** Offending lines of `files`: every environment access outside the settings module and the allowed lines. */
function strayEnvReads(files: [string, string][]): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    if (file === 'src/lib/settings.ts') continue;
    const lines = text.split('\n');
    for (const m of text.matchAll(ENV_ACCESS)) {
      const n = text.slice(0, m.index).split('\n').length;
      const line = lines[n - 1];
      // Comments may name it.
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
      if ((ALLOWED[file] ?? []).some((re) => re.test(line))) continue;
      out.push(`${file}:${n}: ${line.trim()}`);
    }
  }
  return out;
}

describe('the environment is read in one place', () => {
  const files = sourceFiles();

  it('no module but src/lib/settings.ts reads process.env', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.find(([f]) => f === 'src/lib/settings.ts')?.[1]).toMatch(ENV_ACCESS);
    expect(strayEnvReads(files)).toEqual([]);
  });

  it('each allowed exception is still there, so the list cannot rot', () => {
    for (const [file, res] of Object.entries(ALLOWED)) {
      const text = files.find(([f]) => f === file)?.[1] ?? '';
      for (const re of res)
        expect(
          text.split('\n').some((l) => re.test(l)),
          `${file}: ${re}`,
        ).toBe(true);
    }
  });

  it('catches every spelling of a stray read, beside an allowed one too', () => {
    const stray = [
      'const x = process.env.SITE_URL;',
      "const x = process['env'].SITE_URL;",
      'const x = process?.env?.X;',
      'const { env } = process;',
      "import { env } from 'node:process';",
    ];
    for (const s of stray) expect(strayEnvReads([['src/lib/x.ts', `// a module\n${s}\n`]]), s).toHaveLength(1);
    expect(strayEnvReads([['astro.config.mjs', "process.env.ASTRO_TELEMETRY_DISABLED ??= '1';\n"]])).toHaveLength(1);
    expect(strayEnvReads([['src/lib/x.ts', '// process.env is read in src/lib/settings.ts\n']])).toEqual([]);
  });

  it('browser code never reaches the settings, directly or through another module', () => {
    const byPath = new Map(files);
    const resolveImport = (from: string, spec: string) => {
      const base = join(from, '..', spec).split('\\').join('/');
      return [base, `${base}.ts`, `${base}/index.ts`].find((p) => byPath.has(p));
    };
    const reached = (start: string) => {
      const seen = new Set<string>();
      const todo = [start];
      while (todo.length) {
        const f = todo.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        for (const m of (byPath.get(f) ?? '').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"](\.[^'"]+)['"]/g)) {
          const to = resolveImport(f, m[1]);
          if (to) todo.push(to);
        }
      }
      return seen;
    };
    const client = files.filter(([f]) => f.startsWith('src/client/')).map(([f]) => f);
    expect(client.length).toBeGreaterThan(3);
    // The walk follows real imports: a page script reaches the URL helpers.
    expect(reached('src/client/explore.ts')).toContain('src/domain/urls/index.ts');
    for (const f of client)
      expect(
        [...reached(f)].filter((m) => m === 'src/lib/settings.ts'),
        f,
      ).toEqual([]);
    expect(reached('src/lib/site.ts')).toContain('src/lib/settings.ts');
  });
});

describe('the README', () => {
  it('documents every setting in its "Settings" table, and nothing else there', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('\n## Settings\n'),
      readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 5),
    );
    const rows = section.split('\n').filter((l) => /^\| `/.test(l));
    const documented = rows.map((r) => /^\| `([A-Z_]+)`/.exec(r)?.[1]);
    expect(documented).toEqual(SETTING_NAMES);
    // name | default | accepted values | what it does
    for (const r of rows) expect(r.split(' | ').length, r).toBe(4);
  });
});
