import { join, relative, sep } from 'node:path';
import type { z } from 'zod';
import type { Common } from './model.ts';
import type { Problem } from './problems.ts';
import { MAX_FILE_BYTES, type ParsedFile } from './yaml-file.ts';
import { readRegular, realContentDir, walkContent } from './safe-fs.ts';
import { MAX_CSV_BYTES, summarizeCsv } from './csv-summary.ts';
import { lookupFilePath } from './lookup-file.ts';
import { YamlCache } from './yaml-cache.ts';
import { parseInWorker } from './yaml-parallel.ts';
import { EVERY_KIND, type KindKey, type KindLists, type ParseContext } from './kinds.ts';
import type { LookupData } from './schemas/lookup.ts';
import type { SourceFile, Parsed } from './schemas/result.ts';
import { stripControlDeep } from '../lib/text/clean.ts';
import { claimUrls } from './url-claims.ts';
import { gitAddedTimes } from './git-added.ts';
import { buildDay } from '../lib/text/dates.ts';

/**
 * The checks cost about as much as parsing one file in this many: over the corpus, worth
 * rewriting the parse cache for; over the sample, not worth rewriting the megabytes other
 * folders keep in it.
 */
const FILES_PER_CHECKS_PARSE = 50;

/** One list per kind of src/content/kinds.ts, and what the load found. */
export interface LoadedContent extends KindLists {
  contentDir: string;
  files: number;
  problems: Problem[];
}

/**
 * Left to others by the control-character cleaning: the file's own text (only ever shown as
 * escaped HTML), its path (problems name the real file) and a lookup's CSV preview (its cells
 * keep such characters, made visible, in summarizeCsv).
 */
const RAW_ONLY: ReadonlySet<string> = new Set(['raw', 'filePath', 'preview']);

export { LOOKUP_PREVIEW_ROWS } from './csv-summary.ts';

const posix = (p: string) => p.split(sep).join('/');

/** Fewer files than this parse sooner here than a worker starts. */
const PARALLEL_FROM = 200;

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

export interface LoadOptions {
  /** Where parsed YAML is kept between runs (src/content/yaml-cache.ts); none when null. */
  yamlCacheFile?: string | null;
  /**
   * Checks across the loaded entries (the domain's lint, src/domain/lint/): their problems are
   * given a line from the file where they name only a field, before the parse cache is saved.
   */
  checks?: (content: LoadedContent) => Problem[];
  /**
   * The YAML parse worker's script (src/content/yaml-worker.mjs): given, a load that finds many
   * files not in the parse cache parses part of them there (src/content/yaml-parallel.ts).
   */
  parseWorker?: string | null;
  /**
   * The dev server after an edit: `file` (relative, forward slashes) is read and checked again,
   * everything else comes from `previous`. Sound only when the file keeps its entry's id, name
   * and URL (`reloadOne` checks that and says null otherwise).
   */
  changed?: { previous: LoadedContent; file: string };
}

/**
 * Loads every content file under `contentDir` in the security_content layout.
 * Never throws for bad content: each problem is recorded and the file skipped,
 * so valid neighbours always load.
 */
export function loadContent(givenDir: string, options: LoadOptions = {}): LoadedContent {
  const yaml = new YamlCache(options.yamlCacheFile ?? null);
  // Resolved once: CONTENT_DIR may be a link the user chose; nothing below it is followed.
  let contentDir = givenDir;
  try {
    contentDir = realContentDir(givenDir);
  } catch {
    // A missing folder loads as empty, as before.
  }
  const cat = {
    contentDir: givenDir, files: 0, ...Object.fromEntries(EVERY_KIND.map((k) => [k.key, []])), problems: [],
  } as unknown as LoadedContent;
  const push = (p: Problem) => cat.problems.push(p);
  const walkYaml = (folder: string, recursive: boolean): string[] => {
    const walked = walkContent(contentDir, folder, recursive);
    const only = options.changed?.file;
    const files = only ? walked.files.filter((f) => posix(relative(contentDir, f)) === only) : walked.files;
    const refused = only ? walked.refused.filter((r) => r.file === only) : walked.refused;
    for (const r of refused) push({ severity: 'error', code: r.code, file: r.file, line: null, column: null, field: null, message: r.message, entry: null });
    return files;
  };
  /** File → its field locator, so warnings found after loading still get a line. */
  const locators = new Map<string, ParsedFile['locate']>();

  function readOne<T extends { name: string }>(
    abs: string,
    kindFolder: string,
    kind: string,
    parse: (data: Record<string, unknown>, source: SourceFile) => Parsed<T>,
    reuseNormalized: boolean,
  ): T | null {
    cat.files++;
    const file = posix(relative(contentDir, abs));
    // One byte over the limit is enough to refuse the file, whatever it holds.
    const read = preRead.get(abs) ?? readRegular(abs, MAX_FILE_BYTES + 1);
    preRead.delete(abs);
    if (!read.ok) {
      push({ severity: 'error', code: read.code === 'missing' ? 'read-error' : read.code, file, line: null, column: null, field: null, message: read.message, entry: null });
      return null;
    }
    if (read.truncated) {
      push({ severity: 'error', code: 'file-too-large', file, line: null, column: null, field: null, message: `file is ${read.size} bytes; the limit is ${MAX_FILE_BYTES}`, entry: null });
      return null;
    }
    const bytes = read.bytes;
    const parsed = yaml.parse(bytes, file);
    for (const p of parsed.problems) push({ ...p, entry: null });
    // A lookup's entry also holds its CSV, so only other kinds reuse the cached entry.
    const reuse = !reuseNormalized ? undefined : (parsed.normalized as (T & { raw: string }) | undefined);
    if (!reuse && !parsed.data) return null;
    locators.set(file, parsed.locate);
    let result: Parsed<T>;
    if (reuse) {
      reuse.raw = parsed.raw;
      result = { ok: true, value: reuse };
    } else {
      const rel = posix(relative(join(contentDir, kindFolder), abs));
      const parts = rel.split('/');
      const stem = parts[parts.length - 1].replace(/\.yml$/, '');
      const source: SourceFile = { filePath: file, raw: parsed.raw, stem, subfolder: parts.slice(0, -1).join('/') };
      try {
        result = parse(parsed.data!, source);
      } catch (e) {
        // A schema transform must never take the build down; report it against the file.
        push({ severity: 'error', code: 'schema', file, line: null, column: null, field: null, message: `could not be read: ${(e as Error).message}`, entry: null });
        return null;
      }
      // Kept with the file's text emptied in its place, so a reused entry has its keys in order.
      if (result.ok && reuseNormalized && typeof (result.value as { raw?: unknown }).raw === 'string') parsed.keepNormalized?.({ ...result.value, raw: '' });
    }
    if (!result.ok) {
      for (const iss of result.issues as z.core.$ZodIssue[]) {
        const at = parsed.locate(iss.path);
        push({
          severity: 'error', code: 'schema', file, line: at.line, column: at.column,
          field: issuePath(iss.path) || null, message: iss.message, entry: null,
        });
      }
      return null;
    }
    // Control characters never reach a page, feed, API file or terminal (src/lib/text/clean.ts).
    for (const field of stripControlDeep(result.value, RAW_ONLY)) {
      push({ severity: 'warning', code: 'control-character', file, line: null, column: null, field, message: 'control characters (C0/C1, DEL, lone surrogates, U+2028/2029) were removed from this value', entry: { kind, key: '', name: result.value.name } });
    }
    if (parsed.raw.includes('__UPDATE__')) {
      push({ severity: 'warning', code: 'update-placeholder', file, line: null, column: null, field: null, message: 'the file still contains the __UPDATE__ placeholder (contentctl rejects it)', entry: { kind, key: '', name: result.value.name } });
    }
    return result.value;
  }

  // A lookup whose data file was refused is left out with it: publishing it without its rows
  // would hide that the file in the pull request is not what the page shows.
  let refusedCsv: string | null;
  const readCsv = (filename: string, owner: string): LookupData | null => {
    // A file name from content must not reach outside lookups/.
    const p = lookupFilePath(contentDir, filename);
    if (!p) return null;
    const read = readRegular(p, MAX_CSV_BYTES);
    // A link or special file was named by the walk of lookups/ already; a missing one by the lint.
    if (!read.ok) {
      if (read.code === 'symlink' || read.code === 'special-file') refusedCsv = posix(relative(contentDir, p));
      if (read.code === 'read-error') push({ severity: 'warning', code: 'lookup-csv', file: posix(relative(contentDir, p)), line: null, column: null, field: null, message: `CSV could not be read: ${read.message}`, entry: { kind: 'lookup', key: owner, name: owner } });
      return null;
    }
    const { bytes, truncated, size } = read;
    const csv = yaml.memo(truncated ? `csv-start ${size}` : 'csv', posix(relative(contentDir, p)), bytes, () => summarizeCsv(bytes, truncated));
    if (truncated && !('error' in csv)) {
      push({ severity: 'warning', code: 'lookup-too-large', file: posix(relative(contentDir, p)), line: null, column: null, field: null, message: `CSV is ${size} bytes; only the first ${MAX_CSV_BYTES} are read (first rows shown, at least ${csv.data.rowCount} rows) and the file is not offered for download`, entry: { kind: 'lookup', key: owner, name: owner } });
    }
    if ('error' in csv) {
      push({ severity: 'warning', code: 'lookup-csv', file: posix(relative(contentDir, p)), line: null, column: null, field: null, message: `CSV could not be parsed: ${csv.error}`, entry: { kind: 'lookup', key: owner, name: owner } });
      return null;
    }
    if (csv.bad) {
      push({ severity: 'warning', code: 'lookup-csv', file: posix(relative(contentDir, p)), line: csv.bad.line, column: null, field: null, message: `row has ${csv.bad.columns} columns, the header has ${csv.data.header.length}`, entry: { kind: 'lookup', key: owner, name: owner } });
    }
    // Only a file read whole is published (its download); the start of one is not the file.
    return { ...csv.data, bytes: truncated ? null : size };
  };
  const ctx: ParseContext = { readCsv };
  // A cold load (many files the parse cache cannot serve) shares their parsing with a worker:
  // they are read here first, listed in the order the loop below reaches them.
  const preRead = new Map<string, ReturnType<typeof readRegular>>();
  if (options.parseWorker && !options.changed) {
    const all: { file: string; bytes: Uint8Array }[] = [];
    for (const k of EVERY_KIND)
      for (const abs of walkContent(contentDir, k.folder, k.recursive).files) {
        const r = readRegular(abs, MAX_FILE_BYTES + 1);
        if (!r.ok || r.truncated) continue;
        preRead.set(abs, r);
        all.push({ file: posix(relative(contentDir, abs)), bytes: r.bytes });
      }
    const misses = yaml.uncached(all);
    if (misses.length >= PARALLEL_FROM) yaml.parallel = parseInWorker(options.parseWorker, misses);
  }
  for (const k of EVERY_KIND) {
    const list: Common[] = cat[k.key];
    const parse = (data: Record<string, unknown>, f: SourceFile) => k.parse(data, f, ctx);
    for (const abs of walkYaml(k.folder, k.recursive)) {
      const ignored = k.ignore?.(posix(relative(join(contentDir, k.folder), abs))) ?? null;
      if (ignored) {
        push({ severity: 'warning', code: 'ignored-file', file: posix(relative(contentDir, abs)), line: null, column: null, field: null, message: ignored, entry: null });
        continue;
      }
      refusedCsv = null;
      const e = readOne(abs, k.folder, k.kind, parse, k.reuseNormalized);
      if (e && refusedCsv) push({ severity: 'error', code: 'symlink', file: e.filePath, line: null, column: null, field: 'filename', message: `its data file ${refusedCsv} is a symbolic link or special file; the lookup is left out`, entry: null });
      else if (e) list.push(e);
    }
  }

  dropDuplicates(cat);
  const claimed = claimUrls(cat, (files) => gitAddedTimes(contentDir, files));
  Object.assign(cat, claimed.lists);
  cat.problems.push(...claimed.problems);
  const located = (w: Problem) => (w.line === null && w.field ? { ...w, ...locateField(locators.get(w.file), w.field) } : w);
  if (options.changed) {
    // The changed file's entry in place of its old one; the checks see the whole content and
    // only what they say about this file is new.
    const { previous, file } = options.changed;
    const merged = { ...previous, problems: previous.problems.filter((p) => p.file !== file) } as LoadedContent;
    for (const k of EVERY_KIND) {
      const fresh = cat[k.key] as Common[];
      const list = (previous[k.key] as Common[]).flatMap((e) => (e.filePath === file ? fresh : [e]));
      if (!(previous[k.key] as Common[]).some((e) => e.filePath === file)) list.push(...fresh);
      (merged as unknown as Record<string, Common[]>)[k.key] = list;
    }
    merged.problems.push(...cat.problems);
    for (const w of options.checks?.(merged) ?? []) if (w.file === file) merged.problems.push(located(w));
    return merged;
  }
  // The checks read the entries alone (and the build day): their result is kept with the parse
  // cache, keyed by every file's path and bytes, the entries' URLs and the day, so a load of
  // unchanged content (a dev start, a rebuild) does not run them again.
  const checks = options.checks;
  if (checks) {
    const urls = EVERY_KIND.map((k) =>
      (cat[k.key] as (Common & { slug?: string })[]).map((e) => `${e.filePath}\u0000${e.slug ?? ''}\u0000${e.id ?? ''}`).join('\n'),
    ).join('\n');
    const context = new TextEncoder().encode(`${yaml.inputsDigest()}\n${buildDay()}\n${urls}`);
    const worth = Math.max(1, Math.round(cat.files / FILES_PER_CHECKS_PARSE));
    for (const w of yaml.memo('checks', '', context, () => checks(cat), worth)) push(located(w));
  }
  // After the checks, so the positions their warnings looked up are kept too.
  yaml.save();
  return cat;
}

/** `tags.analytic_story[1]` → its line and column; the nearest enclosing key when the exact one is absent. */
function locateField(locate: ParsedFile['locate'] | undefined, field: string): { line: number | null; column: number | null } {
  if (!locate) return { line: null, column: null };
  const path: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  for (let n = path.length; n > 0; n--) {
    const at = locate(path.slice(0, n));
    if (at.line !== null) return at;
  }
  return { line: null, column: null };
}

/**
 * contentctl keeps one global id table and one global name table. The first file (in path
 * order) keeps its place; later ones are reported and left out so URLs stay unambiguous.
 */
function dropDuplicates(cat: LoadedContent): void {
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  const keep = <T extends { id: string | null; name: string; filePath: string; kind: string }>(list: T[]): T[] =>
    list.filter((e) => {
      const clashes: Problem[] = [];
      if (e.id) {
        const other = ids.get(e.id);
        if (other) clashes.push({ severity: 'error', code: 'duplicate-id', file: e.filePath, line: null, column: null, field: 'id', message: `id ${e.id} is already used by ${other}`, entry: null });
      }
      const otherName = names.get(e.name);
      if (otherName) clashes.push({ severity: 'error', code: 'duplicate-name', file: e.filePath, line: null, column: null, field: 'name', message: `name "${e.name}" is already used by ${otherName}`, entry: null });
      if (clashes.length) {
        cat.problems.push(...clashes);
        return false;
      }
      if (e.id) ids.set(e.id, e.filePath);
      names.set(e.name, e.filePath);
      return true;
    });
  const lists: Record<KindKey, (Common & { kind: string })[]> = cat;
  for (const k of EVERY_KIND) lists[k.key] = keep(lists[k.key]);
}

/**
 * The dev server's load after one file changed: that file read and checked again against the
 * rest of `previous`, in a few milliseconds instead of a full load. Null when that would not
 * be what a full load gives: the file had no entry, or its entry's id, name, folder or URL
 * changed (other files' duplicates, references and URL claims may depend on those).
 */
export function reloadOne(
  givenDir: string,
  previous: LoadedContent,
  file: string,
  options: Pick<LoadOptions, 'checks'> = {},
): LoadedContent | null {
  const kind = EVERY_KIND.find((k) => (previous[k.key] as Common[]).some((e) => e.filePath === file));
  if (!kind) return null;
  const before = (previous[kind.key] as (Common & { slug?: string; folder?: string })[]).find((e) => e.filePath === file)!;
  const next = loadContent(givenDir, { ...options, yamlCacheFile: null, changed: { previous, file } });
  const after = (next[kind.key] as (Common & { slug?: string; folder?: string })[]).filter((e) => e.filePath === file);
  const same =
    after.length === 1 &&
    after[0].id === before.id &&
    after[0].name === before.name &&
    after[0].slug === before.slug &&
    after[0].folder === before.folder;
  return same ? next : null;
}
