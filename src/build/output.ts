import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { PageRecord } from './incremental.ts';
import { writeJsonAtomic } from '../lib/aged-cache.ts';

/** A file as this class last wrote or kept it: a later build trusts it without reading. */
export interface FileRecord {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** `OutputFiles.records` of a build into a folder, kept for the next build there. */
export interface OutputRecord {
  version: 3;
  /** Fingerprint of the code and settings of that build (a different one discards the record). */
  global: string;
  /** By absolute path. */
  files: Record<string, FileRecord>;
  /** Pages of the incremental routes, by site path (src/build/incremental.ts). */
  pages: Record<string, PageRecord>;
  /** Every file the build left in the folder, by absolute path: the next build's prune starts from it. */
  produced: string[];
}

export function readOutputRecord(file: string, global: string): OutputRecord | null {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as OutputRecord;
    return r.version === 3 &&
      r.global === global &&
      r.files &&
      typeof r.files === 'object' &&
      r.pages &&
      typeof r.pages === 'object' &&
      Array.isArray(r.produced)
      ? r
      : null;
  } catch {
    return null;
  }
}

/**
 * Writes the record of a build into `outDir`, with a note of the folder beside it, and removes
 * the records of output folders that no longer exist (every `--outDir` gets one).
 */
export function writeOutputRecord(file: string, r: OutputRecord, outDir: string): void {
  const dir = dirname(file);
  writeJsonAtomic(file, r);
  writeFileSync(`${file}.dir`, outDir);
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json.dir')) continue;
    const note = join(dir, f);
    let folder: string;
    try {
      folder = readFileSync(note, 'utf8');
    } catch {
      continue;
    }
    if (folder && !existsSync(folder)) {
      rmSync(note, { force: true });
      rmSync(note.slice(0, -'.dir'.length), { force: true });
    }
  }
}

const hashOf = (bytes: Buffer) => createHash('sha1').update(bytes).digest('base64url');

function statOrNull(file: string): { size: number; mtimeMs: number } | null {
  try {
    return statSync(file);
  } catch {
    return null; // Not there yet.
  }
}

/**
 * The output folder is not emptied before a build (astro.config.mjs): on a rebuild, deleting
 * and rewriting thousands of unchanged files costs more than rendering them. So every file
 * this build produces either is written now (fresh mtime) or is left in place because it
 * already holds exactly the right bytes (recorded here), and `prune` removes everything else.
 * With the records of the previous build (`previous`), a file whose size, time stamp and
 * content hash are as recorded is known to hold the bytes without reading it.
 */
export class OutputFiles {
  readonly kept = new Set<string>();
  /** Every file written or kept through this object, for the next build's `previous`. */
  readonly records = new Map<string, FileRecord>();
  /** Folders this object has made sure exist. */
  private readonly made = new Set<string>();
  readonly since: number;
  private readonly previous: Readonly<Record<string, FileRecord>>;
  constructor(since: number, previous: Readonly<Record<string, FileRecord>> = {}) {
    this.since = since;
    this.previous = previous;
  }

  /** The file is as this class recorded it last time, holding bytes of this hash. */
  private trusted(file: string, hash: string, s: { size: number; mtimeMs: number }): boolean {
    const prev = Object.hasOwn(this.previous, file) ? this.previous[file] : undefined;
    return !!prev && prev.hash === hash && prev.size === s.size && prev.mtimeMs === s.mtimeMs;
  }

  /** Files written through this object that already held the right bytes. */
  unchanged = 0;

  private keep(file: string, s: { size: number; mtimeMs: number }, hash: string): void {
    this.unchanged++;
    this.kept.add(file);
    this.records.set(file, { size: s.size, mtimeMs: s.mtimeMs, hash });
  }

  /** Writes `content` unless the file already holds it; returns true when it wrote. */
  write(file: string, content: string): boolean {
    const bytes = Buffer.from(content);
    const hash = hashOf(bytes);
    const s = statOrNull(file);
    if (s && (this.trusted(file, hash, s) || (s.size === bytes.length && readFileSync(file).equals(bytes)))) {
      this.keep(file, s, hash);
      return false;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    this.records.set(file, { size: bytes.length, mtimeMs: statSync(file).mtimeMs, hash });
    return true;
  }

  /**
   * `write` for many files, several at a time: creating thousands of small files is bound by
   * file-system latency, not by this thread, so overlapping them is faster here.
   * Resolves to the number written.
   */
  async writeAll(entries: Iterable<[file: string, content: string]>, concurrency = 8): Promise<number> {
    // Files this class recorded last time need one stat, done here in a row; only the others
    // (to compare by content, or to write) go to the file-system threads.
    const queue: { file: string; bytes: Buffer; hash: string; size: number | null }[] = [];
    for (const [file, content] of entries) {
      const bytes = Buffer.from(content);
      const hash = hashOf(bytes);
      const s = statOrNull(file);
      if (s && this.trusted(file, hash, s)) this.keep(file, s, hash);
      else queue.push({ file, bytes, hash, size: s ? s.size : null });
    }
    let written = 0;
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const { file, bytes, hash, size } = queue[next++];
        if (size === bytes.length && (await readFile(file)).equals(bytes)) {
          this.keep(file, await stat(file), hash);
          continue;
        }
        const dir = dirname(file);
        // Most files share a folder (api/detections/): one mkdir for each.
        if (!this.made.has(dir)) {
          await mkdir(dir, { recursive: true });
          this.made.add(dir);
        }
        await writeFile(file, bytes);
        this.records.set(file, { size: bytes.length, mtimeMs: (await stat(file)).mtimeMs, hash });
        written++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return written;
  }

  /** True when this build produced the file (written now, or kept as it was). */
  fresh(file: string): boolean {
    if (this.kept.has(file)) return true;
    try {
      return statSync(file).mtimeMs >= this.since;
    } catch {
      return false;
    }
  }

  /**
   * Deletes every file under `root` this build did not produce, then the folders left empty;
   * returns what is left. With the list the last build (same code and settings) left, only the
   * files on that list this build has not accounted for are looked at: listing every folder of
   * the output was most of the end of a rebuild.
   * Without one, the whole tree is walked.
   */
  prune(root: string, previous?: readonly string[]): { removed: number; produced: string[] } {
    if (previous) {
      const produced = new Set([...this.kept, ...this.records.keys()]);
      let removed = 0;
      for (const f of previous) {
        if (produced.has(f)) continue;
        if (this.fresh(f)) produced.add(f);
        else if (existsSync(f)) {
          unlinkSync(f);
          removed++;
          removeEmptyParents(f, root);
        }
      }
      return { removed, produced: [...produced] };
    }
    let removed = 0;
    const produced: string[] = [];
    const walk = (dir: string): boolean => {
      let empty = true;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (walk(p)) rmdirSync(p);
          else empty = false;
        } else if (!this.fresh(p)) {
          unlinkSync(p);
          removed++;
        } else {
          produced.push(p);
          empty = false;
        }
      }
      return empty;
    };
    if (existsSync(root)) walk(root);
    return { removed, produced };
  }
}

/** Removes the folders above `file` that are left empty, up to `root`. */
function removeEmptyParents(file: string, root: string): void {
  for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty
    }
  }
}
