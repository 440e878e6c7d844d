import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Incremental page rendering, on Astro's `experimental.incrementalBuild`: Astro skips a page
 * of `getStaticPaths` whose `cacheKey` and module graph are unchanged since the last build into
 * the same folder, and keeps its file. A route opts in by building each page's whole input as
 * its props (`incrementalPaths`, src/lib/pages/), and the key is a fingerprint of those props
 * plus the code and the site settings (Astro sees neither environment settings nor files
 * outside the module graph).
 *
 * Sound only while such pages read nothing but their props: tests/unit/build/incremental.test.ts
 * checks that those pages and every component call `catalog()` in `getStaticPaths` alone, and
 * the rebuild suite compares an incremental rebuild with a clean build file by file.
 */

const VERSION = 2;
const sha1 = (s: string) => createHash('sha1').update(s).digest('base64url');

/**
 * Hashes values by content. Catalog entities (detections, stories, …) are hashed once and stand
 * in for themselves by that hash, so fingerprinting a page that shows 50 detections costs 50
 * lookups, not 50 serializations.
 */
export class Fingerprinter {
  private readonly known = new WeakMap<object, string>();

  constructor(entityLists: readonly (readonly object[])[]) {
    for (const list of entityLists) for (const e of list) this.known.set(e, sha1(this.json(e)));
  }

  fingerprint(value: unknown): string {
    return sha1(this.json(value));
  }

  private json(root: unknown): string {
    const known = this.known;
    return JSON.stringify(root, function (this: unknown, _key: string, v: unknown) {
      // A function or symbol would vanish from the JSON while the page may still use it.
      if (typeof v === 'function' || typeof v === 'symbol') throw new Error('props hold a function or symbol');
      if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? `${v}n` : v;
      if (v !== root) {
        const h = known.get(v);
        if (h !== undefined) return `\u0000${h}`;
      }
      if (v instanceof Map) return { '\u0000map': [...v] };
      if (v instanceof Set) return { '\u0000set': [...v] };
      return v;
    }) ?? 'undefined';
  }
}

/** Fingerprint of everything besides props that shapes a page: the code and the settings. */
export function globalFingerprint(root: string, env: Record<string, string | undefined>, code = codeFingerprint(root)): string {
  const h = createHash('sha1').update(code);
  for (const k of Object.keys(env).filter(isSettingName).sort()) h.update(`env ${k}=${env[k]}\n`);
  return h.digest('base64url');
}

/** Fingerprint of the project's own files, its dependencies (lock file) and the Node version. */
export function codeFingerprint(root: string): string {
  const h = createHash('sha1');
  h.update(`v${VERSION} node ${process.version}\n`);
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  for (const d of FINGERPRINTED_DIRS) walk(join(root, d));
  for (const f of FINGERPRINTED_FILES) files.push(join(root, f));
  for (const f of files.sort()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      continue;
    }
    h.update(`${relative(root, f).split(sep).join('/')}\u0000${bytes.length}\u0000`);
    h.update(bytes);
  }
  return h.digest('base64url');
}

export const FINGERPRINTED_DIRS = ['src', 'public'];
export const FINGERPRINTED_FILES = ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Environment variables the site reads; a unit test keeps every `process.env` read in this set. */
export const SETTING_PREFIXES = ['SITE_', 'BASE_PATH', 'SPLUNK_', 'REPO_', 'CATALOG_', 'CONTENT_DIR'];
export const isSettingName = (k: string) => SETTING_PREFIXES.some((p) => k.startsWith(p));

/** The file of a page path under the output folder: `endpoint/<id>/` is a folder's index.html. */
export const pageFile = (outDir: string, path: string) =>
  join(outDir, ...path.split('/').filter(Boolean), ...(path.endsWith('/') ? ['index.html'] : []));

/** The cache keys of one build's pages. */
export class PageKeys {
  private fingerprinter: Fingerprinter | null = null;

  constructor(readonly global: string) {}

  /** The page's `cacheKey`, or undefined (rendered every time) when its props cannot be fingerprinted. */
  keyOf(route: string, entry: { path: string; params?: unknown; props?: unknown }, entities: () => readonly (readonly object[])[]): string | undefined {
    this.fingerprinter ??= new Fingerprinter(entities());
    const { path, ...rest } = entry;
    try {
      return `${this.global}.${this.fingerprinter.fingerprint({ route, path, rest })}`;
    } catch {
      return undefined;
    }
  }
}

const KEY = Symbol.for('detection-catalog.page-build');

/** Set by the integration for an incremental production build; absent in dev. */
export function currentPageKeys(): PageKeys | null {
  return (globalThis as unknown as Record<symbol, PageKeys | null | undefined>)[KEY] ?? null;
}

export function setPageKeys(k: PageKeys | null): void {
  (globalThis as unknown as Record<symbol, PageKeys | null>)[KEY] = k;
}
