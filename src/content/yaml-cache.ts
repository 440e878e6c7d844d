import { createHash } from 'node:crypto';
import { decodeYamlText, locator, parseYamlFile, type ParsedFile } from './yaml-file.ts';
import type { ParallelParse } from './yaml-parallel.ts';
import { nextAged, readAged, writeAged, type AgedFile } from '../lib/aged-cache.ts';

/**
 * Parsed YAML of content files, kept between builds: parsing is most of the content load,
 * and a rebuild after an edit finds all but one file unchanged.
 * Keyed by the file's path and bytes; the cache file's name carries the code fingerprint, so
 * other parser code never reads it. Only clean parses of plain data are kept (strings, finite
 * numbers, booleans, null, dates, arrays, plain objects); anything else is parsed every time.
 * A problem's line number is looked up in the file's parse tree; the positions asked for are
 * kept with the entry, so a later load finds them without parsing the file again.
 */
interface Entry {
  /** Parsed data (`encode`d), or any other plain value (`memo`); dropped once `n` is kept. */
  d?: unknown;
  /** The model entry normalized from the data (`encode`d, `raw` empty). */
  n?: unknown;
  /** Positions looked up: JSON of the field path → [line, column]. */
  l?: Record<string, [number | null, number | null]>;
}

const keyOf = (kind: string, file: string, bytes: Uint8Array) =>
  createHash('sha1').update(kind).update('\u0000').update(file).update('\u0000').update(bytes).digest('base64url');

/** A worker's parse made whole again: the text and the positions come from the bytes here. */
function withText(p: Pick<ParsedFile, 'data' | 'problems'>, bytes: Uint8Array): ParsedFile {
  const raw = decodeYamlText(bytes);
  return { data: p.data, problems: p.problems, raw, locate: locator(raw) };
}

export class YamlCache {
  private readonly stored: AgedFile<Entry>;
  private readonly used = new Map<string, Entry>();
  private misses = 0;
  /** Files served from the cache by this load. */
  hits = 0;

  private readonly file: string | null;

  constructor(file: string | null) {
    this.file = file;
    this.stored = file ? readAged<Entry>(file) : { run: 0, entries: {} };
  }

  private lookup(key: string): Entry | undefined {
    const e = Object.hasOwn(this.stored.entries, key) ? this.stored.entries[key].v : undefined;
    if (e) {
      this.used.set(key, e);
      this.hits++;
    } else this.misses++;
    return e;
  }

  private key(kind: string, file: string, bytes: Uint8Array): string {
    const k = keyOf(kind, file, bytes);
    this.inputs.update(k);
    return k;
  }

  /** Files parsed by a worker meanwhile (src/content/yaml-parallel.ts), taken when the load reaches them. */
  parallel: ParallelParse | null = null;

  /** The files among these that this cache cannot serve: a load would parse them. */
  uncached<T extends { file: string; bytes: Uint8Array }>(files: readonly T[]): T[] {
    return files.filter((f) => !Object.hasOwn(this.stored.entries, keyOf('yaml', f.file, f.bytes)));
  }

  /** Every file and value this load looked up so far, as one digest (what `memo` over the whole load keys on). */
  private readonly inputs = createHash('sha1');
  inputsDigest(): string {
    return this.inputs.copy().digest('base64url');
  }

  parse(bytes: Uint8Array, file: string): ParsedFile {
    const key = this.key('yaml', file, bytes);
    const hit = this.lookup(key);
    if (hit) {
      let raw = new TextDecoder('utf-8').decode(bytes);
      if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
      let data: Record<string, unknown> | null | undefined;
      return {
        // Only read when the entry has to be normalized again.
        get data() {
          return (data ??= hit.d !== undefined ? (revive(hit.d) as Record<string, unknown>) : parseYamlFile(bytes, file).data);
        },
        raw,
        problems: [],
        locate: remembering(hit, locator(raw)),
        normalized: hit.n !== undefined ? revive(hit.n) : undefined,
        keepNormalized: keeping(hit),
      };
    }
    const fromWorker = this.parallel?.take(file);
    const parsed = fromWorker ? withText(fromWorker, bytes) : parseYamlFile(bytes, file);
    if (parsed.data && parsed.problems.length === 0) {
      const d = encode(parsed.data);
      if (d !== undefined) {
        const entry: Entry = { d };
        this.used.set(key, entry);
        return { ...parsed, locate: remembering(entry, parsed.locate), keepNormalized: keeping(entry) };
      }
    }
    return parsed;
  }

  /**
   * `compute()` for these bytes, from the cache when it ran before; the value must be plain data.
   * `cost`: how many file parses computing it is worth, toward rewriting the cache file.
   */
  memo<T>(kind: string, file: string, bytes: Uint8Array, compute: () => T, cost = 1): T {
    const key = this.key(kind, file, bytes);
    const hit = this.lookup(key);
    if (hit) return revive(hit.d) as T;
    this.misses += cost - 1;
    const value = compute();
    const d = encode(value);
    if (d !== undefined) this.used.set(key, { d });
    return value;
  }

  /**
   * Saves what this load used with what recent loads used (`aged-cache.ts`). Rewriting
   * megabytes costs more than parsing a few files again, so a handful of changes waits.
   */
  save(): void {
    if (!this.file || this.misses < SAVE_AFTER) return;
    try {
      // The folder holds only this cache, in one file per code version.
      writeAged(this.file, nextAged(this.stored, this.used), (f) => f.endsWith('.json'));
    } catch {
      // An unwritable cache only costs speed.
    }
  }
}

/** Keeps a model entry in place of the data it came from (when it encodes as plain data). */
function keeping(entry: Entry): (value: unknown) => void {
  return (value) => {
    const n = encode(value);
    if (n === undefined) return;
    entry.n = n;
    delete entry.d;
  };
}

/** A locate function that records what it finds in the entry (kept when the cache is saved). */
function remembering(entry: Entry, locate: ParsedFile['locate']): ParsedFile['locate'] {
  return (path) => {
    const k = JSON.stringify(path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    const known = entry.l && Object.hasOwn(entry.l, k) ? entry.l[k] : undefined;
    if (known) return { line: known[0], column: known[1] };
    const at = locate(path);
    (entry.l ??= {})[k] = [at.line, at.column];
    return at;
  };
}

const DATE = '\u0000date';
/** Files parsed anew before the cache file is rewritten. */
const SAVE_AFTER = 20;

/** JSON-safe copy of parsed YAML, or undefined when it holds something JSON cannot carry exactly. */
export function encode(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { [DATE]: v.toISOString() };
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const e = encode(x);
      if (e === undefined) return undefined;
      out.push(e);
    }
    return out;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || k === DATE) return undefined;
      const e = encode((v as Record<string, unknown>)[k]);
      if (e === undefined) return undefined;
      out[k] = e;
    }
    return out;
  }
  return undefined;
}

/** The parsed value back from `encode`'s form; a fresh copy, so callers may keep or change it. */
export function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(revive);
  const o = v as Record<string, unknown>;
  if (DATE in o) return new Date(o[DATE] as string);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = revive(o[k]);
  return out;
}
