import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PAGE_SETTING_NAMES, type Settings } from '../lib/settings.ts';

/**
 * Incremental page rendering. On a rebuild after a one-file edit almost every page would come
 * out byte for byte as before. A route opts in by building each page's whole input as its props
 * (`entityRoute` and `catalogRoute`, src/build/routes.ts), so a page is a function of its props, the code and the
 * site settings. The build records a fingerprint of each page's props (plus the code and the
 * settings, which Astro does not see); a page whose fingerprint is unchanged and whose file is
 * exactly the one that build wrote (same size and time stamp) is left out of `getStaticPaths`
 * and kept on disk.
 *
 * Astro's own `experimental.incrementalBuild` does the same from a `cacheKey`, but it also
 * writes a second copy of every keyed page into its cache folder; measured on the corpus, that
 * copy made the cold build slower, so this
 * record keeps the kept pages in the output folder alone.
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

  /**
   * Entities are plain JSON data (a unit test holds the model to that), so they are hashed
   * with the plain, much faster JSON.stringify; views need the replacer below.
   */
  constructor(entityLists: readonly (readonly object[])[], named: Iterable<readonly [object, string]> = []) {
    for (const list of entityLists) for (const e of list) this.known.set(e, sha1(JSON.stringify(e)));
    // Objects that already have a name for their content (a file version's parsed YAML: its blob id).
    for (const [o, name] of named) this.known.set(o, name);
  }

  fingerprint(value: unknown): string {
    return sha1(this.json(value));
  }

  private json(root: unknown): string {
    const known = this.known;
    return (
      JSON.stringify(root, function (this: unknown, _key: string, v: unknown) {
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
      }) ?? 'undefined'
    );
  }
}

/**
 * Fingerprint of everything besides props that shapes a page: the code and the settings, as
 * validated (src/lib/settings.ts), so a variable the site does not read changes nothing.
 */
export function globalFingerprint(root: string, settings: Settings, code = codeFingerprint(root)): string {
  const h = createHash('sha1').update(code);
  for (const k of PAGE_SETTING_NAMES) h.update(`setting ${k}=${JSON.stringify(settings[k])}\n`);
  return h.digest('base64url');
}

/**
 * Fingerprint of the project's own files, its dependencies (lock file) and the Node version;
 * of `dirs` and `files` only when given.
 */
export function codeFingerprint(
  root: string,
  dirs: readonly string[] = FINGERPRINTED_DIRS,
  fingerprinted: readonly string[] = FINGERPRINTED_FILES,
): string {
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
  for (const d of dirs) walk(join(root, d));
  for (const f of fingerprinted) files.push(join(root, f));
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

/**
 * The code that loads and checks content (src/domain/catalog/load.ts): imports run one way, so
 * nothing in these folders reads views, pages or the build. Caches of loaded content key on
 * this alone, and an edit of a page or a component does not make the next start parse the
 * corpus again.
 */
export const loaderFingerprint = (root: string): string =>
  codeFingerprint(root, ['src/lib', 'src/content', 'src/domain'], ['package.json', 'package-lock.json']);

/** The file of a page path under the output folder: `endpoint/<id>/` is a folder's index.html. */
export const pageFile = (outDir: string, path: string) =>
  join(outDir, ...path.split('/').filter(Boolean), ...(path.endsWith('/') ? ['index.html'] : []));

/** A page as the build that rendered or kept it left it. */
export interface PageRecord {
  fp: string;
  size: number;
  mtimeMs: number;
}

function unchangedOnDisk(file: string, rec: PageRecord): boolean {
  try {
    const s = statSync(file);
    return s.size === rec.size && s.mtimeMs === rec.mtimeMs;
  } catch {
    return false;
  }
}

/** One build's decisions: which pages to render, which to keep, and their fingerprints. */
export class PageBuild {
  /** Page path → fingerprint, for every page of an incremental route (rendered or kept). */
  readonly next = new Map<string, string>();
  readonly kept = new Set<string>();
  private fingerprinter: Fingerprinter | null = null;

  readonly outDir: string;
  readonly global: string;
  readonly previous: Readonly<Record<string, PageRecord>> | null;
  constructor(outDir: string, global: string, previous: Readonly<Record<string, PageRecord>> | null) {
    this.outDir = outDir;
    this.global = global;
    this.previous = previous;
  }

  /** The entries to render; the others are recorded as kept. */
  select<E extends { path: string }>(
    route: string,
    entries: E[],
    entities: () => readonly (readonly object[])[],
    named: () => Iterable<readonly [object, string]> = () => [],
  ): E[] {
    this.fingerprinter ??= new Fingerprinter(entities(), named());
    const out: E[] = [];
    for (const e of entries) {
      const { path, ...rest } = e;
      let fp: string;
      try {
        fp = `${this.global}.${this.fingerprinter.fingerprint({ route, path, rest })}`;
      } catch {
        // Not fingerprintable (a function or symbol in the props): rendered every time.
        out.push(e);
        continue;
      }
      this.next.set(path, fp);
      const prev = this.previous?.[path];
      if (prev && prev.fp === fp && unchangedOnDisk(pageFile(this.outDir, path), prev)) this.kept.add(path);
      else {
        this.kept.delete(path);
        out.push(e);
      }
    }
    return out;
  }

  /** After the build: each page's fingerprint with its file as written or kept. */
  records(): Record<string, PageRecord> {
    const pages: Record<string, PageRecord> = {};
    for (const [path, fp] of this.next) {
      // A kept page's file was just found as recorded: the record stands without another stat.
      const prev = this.kept.has(path) ? this.previous?.[path] : undefined;
      if (prev) {
        pages[path] = prev;
        continue;
      }
      try {
        const s = statSync(pageFile(this.outDir, path));
        pages[path] = { fp, size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        // Not written: rendered again next time.
      }
    }
    return pages;
  }
}
