import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseYamlFile, type ParsedFile } from './yaml-file';

/**
 * Parsed YAML of content files, kept between builds: parsing is most of the content load
 * (about 1.5 s for the corpus), and a rebuild after an edit finds all but one file unchanged.
 * Keyed by the file's path and bytes; the cache file's name carries the code fingerprint, so
 * other parser code never reads it. Only clean parses of plain data are kept (strings, finite
 * numbers, booleans, null, dates, arrays, plain objects); anything else is parsed every time.
 * Line numbers are only needed for problems, so a hit parses the file again if asked for one.
 */
export class YamlCache {
  private readonly stored: Record<string, unknown>;
  private readonly used: Record<string, unknown> = {};
  private misses = 0;
  /** Files served from the cache by this load. */
  hits = 0;

  constructor(private readonly file: string | null) {
    let stored: Record<string, unknown> = {};
    if (file) {
      try {
        stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        // No cache yet, or an unreadable one.
      }
    }
    this.stored = stored;
  }

  parse(bytes: Uint8Array, file: string): ParsedFile {
    const key = createHash('sha1').update(file).update('\u0000').update(bytes).digest('base64url');
    if (key in this.stored) {
      const data = revive(this.stored[key]) as Record<string, unknown>;
      this.used[key] = this.stored[key];
      this.hits++;
      let raw = new TextDecoder('utf-8').decode(bytes);
      if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
      let full: ParsedFile | null = null;
      return { data, raw, problems: [], locate: (path) => (full ??= parseYamlFile(bytes, file)).locate(path) };
    }
    this.misses++;
    const parsed = parseYamlFile(bytes, file);
    if (parsed.data && parsed.problems.length === 0) {
      const encoded = encode(parsed.data);
      if (encoded !== undefined) this.used[key] = encoded;
    }
    return parsed;
  }

  /**
   * Writes the entries this load used, so the file never grows with old versions. Rewriting
   * megabytes costs more than parsing a few files again, so a handful of changes waits.
   */
  save(): void {
    if (!this.file) return;
    const stale = Object.keys(this.stored).length - (Object.keys(this.used).length - this.misses);
    if (this.misses + stale < SAVE_AFTER) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.used));
      renameSync(tmp, this.file);
      // Caches written by other code can never be read again.
      for (const f of readdirSync(dirname(this.file))) {
        if (f.endsWith('.json') && f !== basename(this.file)) rmSync(join(dirname(this.file), f), { force: true });
      }
    } catch {
      // An unwritable cache only costs speed.
    }
  }
}

const DATE = '\u0000date';
/** Changed, new or removed files before the cache file is rewritten. */
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
