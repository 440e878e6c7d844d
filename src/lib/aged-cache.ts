import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * A build cache kept in one file (JSON, or V8's serialization for a `.bin` file: a cache of
 * long strings, such as highlighted HTML, reads in less than half the time), whose entries survive as long as one of the last
 * `KEEP_RUNS` saves used them. Keeping only what the last build used would throw away the
 * highlighted code and parsed YAML of every page an incremental build did not render, and of
 * every other content folder built in between (the tests build three).
 */
export const KEEP_RUNS = 5;

export interface AgedFile<T> {
  /** Number of saves so far. */
  run: number;
  /** Key → value and the run that last used it. */
  entries: Record<string, { v: T; run: number }>;
}

const isBinary = (file: string) => file.endsWith('.bin');

export function readAged<T>(file: string): AgedFile<T> {
  try {
    const f = (
      isBinary(file) ? deserialize(readFileSync(file)) : JSON.parse(readFileSync(file, 'utf8'))
    ) as AgedFile<T>;
    if (typeof f.run === 'number' && f.entries && typeof f.entries === 'object') return f;
  } catch {
    // No cache yet, or an unreadable one.
  }
  return { run: 0, entries: {} };
}

/** The next save: entries used now, plus older ones still within `KEEP_RUNS`. */
export function nextAged<T>(stored: AgedFile<T>, used: ReadonlyMap<string, T>): AgedFile<T> {
  const run = stored.run + 1;
  const entries: AgedFile<T>['entries'] = {};
  for (const [k, e] of Object.entries(stored.entries)) if (e.run > run - KEEP_RUNS && !used.has(k)) entries[k] = e;
  for (const [k, v] of used) entries[k] = { v, run };
  return { run, entries };
}

/**
 * Saves the cache, then removes the files beside it that `isOtherVersion` names: caches written
 * by other code can never be read again.
 */
export function writeAged<T>(file: string, f: AgedFile<T>, isOtherVersion: (name: string) => boolean): void {
  if (isBinary(file)) writeAtomic(file, serialize(f));
  else writeJsonAtomic(file, f);
  for (const name of readdirSync(dirname(file))) {
    if (name !== basename(file) && isOtherVersion(name)) rmSync(join(dirname(file), name), { force: true });
  }
}

/** Writes JSON through a temporary file, so a reader never sees half of it. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeAtomic(file, JSON.stringify(value));
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
