import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../helpers/build';
import { CORPUS, DIST } from './corpus';

/**
 * The real corpus plus hostile pull-request additions, each aimed at a real page (and named to
 * sort before it, so path order alone would hand the page over): the
 * Log4Shell story, the macro nearly every detection uses, an old research.splunk.com alias, a
 * lookup CSV that is a symlink to the build machine's environment, a detection folder named
 * like a file the site writes. The strict build must name every addition; the lenient build
 * must leave every page of the clean corpus build byte for byte as it was and publish nothing
 * read from outside the content folder.
 */

const SECRET = `hostile-secret-${process.pid}-${Date.now()}`;
const STORY = readFileSync(join(CORPUS, 'stories', 'log4shell_cve_2021_44228.yml'), 'utf8');
const MACRO = readFileSync(join(CORPUS, 'macros', 'security_content_ctime.yml'), 'utf8');
const ALIASED = readFileSync(
  join(CORPUS, 'detections', 'endpoint', '3cx_supply_chain_attack_network_indicators.yml'),
  'utf8',
);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const withId = (text: string, n: number) => text.replace(/^id: .*$/m, `id: ${uuid(n)}`);

/** file (relative to CONTENT_DIR) → what the addition is and the error code it must draw (null: any code). */
const additions: { file: string; what: string; code: string | null; add: (dir: string) => void }[] = [
  {
    file: 'stories/0_log4shell.yml',
    what: 'a story whose name differs from the real Log4Shell story only in punctuation',
    code: 'duplicate-slug',
    add: (dir) =>
      writeFileSync(
        join(dir, 'stories/0_log4shell.yml'),
        withId(
          STORY.replace(/^name: .*$/m, 'name: Log4Shell|CVE-2021-44228').replace(
            /^description: .*$/m,
            'description: Takeover.',
          ),
          1,
        ),
      ),
  },
  {
    file: 'macros/0_ctime.yml',
    what: 'a macro whose name differs from security_content_ctime only in punctuation',
    code: 'duplicate-slug',
    add: (dir) =>
      writeFileSync(join(dir, 'macros/0_ctime.yml'), MACRO.replace(/^name: .*$/m, 'name: security|content_ctime')),
  },
  {
    file: 'detections/endpoint/0_alias.yml',
    what: 'a detection named like a real one with a no-break space, aiming at its old alias',
    code: null,
    add: (dir) =>
      writeFileSync(
        join(dir, 'detections/endpoint/0_alias.yml'),
        withId(ALIASED.replace(/^name: .*$/m, 'name: 3CX Supply Chain Attack Network\u00a0Indicators'), 2),
      ),
  },
  {
    file: 'lookups/zz_environ.csv',
    what: 'a lookup CSV that is a symlink to the build process environment',
    code: 'symlink',
    add: (dir) => {
      writeFileSync(
        join(dir, 'lookups/zz_environ.yml'),
        'name: zz_environ\ndescription: environment\nfilename: zz_environ.csv\n',
      );
      symlinkSync('/proc/self/environ', join(dir, 'lookups/zz_environ.csv'));
    },
  },
  {
    file: 'detections/feed.xml/zz_reserved_folder.yml',
    what: 'a detection folder named like the site feed',
    code: null,
    add: (dir) => {
      mkdirSync(join(dir, 'detections/feed.xml'));
      writeFileSync(
        join(dir, 'detections/feed.xml/zz_reserved_folder.yml'),
        withId(ALIASED.replace(/^name: .*$/m, 'name: Reserved Folder Detection'), 3),
      );
    },
  },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('the real corpus plus hostile additions', () => {
  let tmp: string;
  let content: string;
  let strict: BuildResult;
  let lenient: BuildResult;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'corpus-hostile-'));
    // Same last folder name as the corpus, so pages that name the content folder match.
    content = join(tmp, 'security_content');
    cpSync(CORPUS, content, { recursive: true });
    for (const a of additions) a.add(content);
    const env = { CONTENT_DIR: content, BASE_PATH: '', HOSTILE_SECRET: SECRET };
    strict = await astroBuild('corpus-hostile-strict', 'dist-corpus-hostile-strict', env);
    lenient = await astroBuild('corpus-hostile', 'dist-corpus-hostile', { ...env, CATALOG_LENIENT: '1' });
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    for (const d of ['dist-corpus-hostile-strict', 'dist-corpus-hostile'])
      rmSync(join(DIST, '..', d), { recursive: true, force: true });
  });

  it('strict build fails and names every addition with its reason, without a stack trace', () => {
    expect(strict.code).not.toBe(0);
    expect(strict.output).toContain('Build stopped');
    expect(strict.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    const report = JSON.parse(readFileSync(join(strict.outDir, 'content-report.json'), 'utf8')) as {
      problems: { severity: string; file: string; code: string }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    for (const a of additions) {
      const hit = errors.filter((p) => p.file === a.file && (a.code === null || p.code === a.code));
      expect(hit, `${a.what} (${a.file}) must be an error${a.code ? ` with code ${a.code}` : ''}`).not.toHaveLength(0);
      expect(strict.output).toContain(`error ${a.file}`);
    }
    // No file of the clean corpus is blamed: the first file by path keeps its name and page.
    const blamed = new Set(errors.map((p) => p.file));
    // (The symlinked CSV's lookup is left out with it and named too.)
    expect([...blamed].filter((f) => !additions.some((a) => a.file === f) && f !== 'lookups/zz_environ.yml')).toEqual(
      [],
    );
  });

  it('lenient build finishes, and every page of the clean corpus build is unchanged', () => {
    expect(lenient.code).toBe(0);
    const clean = filesUnder(DIST).filter((f) => !/^(health\/|content-report\.(json|sarif)$)/.test(f));
    const changed = clean.filter((f) => {
      try {
        return !readFileSync(join(lenient.outDir, f)).equals(readFileSync(join(DIST, f)));
      } catch {
        return true;
      }
    });
    expect(changed).toEqual([]);
    console.log(
      `corpus + hostile additions: lenient build ${lenient.seconds.toFixed(1)}s, ${clean.length} files of the clean build unchanged`,
    );
  });

  it('publishes nothing read from outside the content folder', () => {
    const leaked = filesUnder(lenient.outDir).filter((f) => {
      const text = readFileSync(join(lenient.outDir, f), 'latin1');
      return text.includes(SECRET) || text.includes('HOSTILE_SECRET');
    });
    expect(leaked).toEqual([]);
  });
});
