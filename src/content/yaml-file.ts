import { LineCounter, parseDocument, isMap, isNode, type Document } from 'yaml';
import type { Problem } from './problems.ts';

/** Files above this size are refused before parsing; it is far above any corpus file. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** The `yaml` package's own default; it is what stops alias ("billion laughs") bombs. */
export const MAX_ALIAS_COUNT = 100;
const MAX_SYNTAX_ERRORS = 3;

export interface ParsedFile {
  data: Record<string, unknown> | null;
  raw: string;
  /** Maps a field path to a 1-based line/column, for schema errors. */
  locate: (path: readonly PropertyKey[]) => { line: number | null; column: number | null };
  problems: Omit<Problem, 'entry'>[];
  /**
   * The model entry these bytes gave last time (the parse cache's, same code), with `raw` empty;
   * the loader then skips the schema and the normalization.
   */
  normalized?: unknown;
  /** Keeps the model entry for the next load (plain data; `raw` emptied, in its place). */
  keepNormalized?: (entry: unknown) => void;
}

type FileProblem = Omit<Problem, 'entry'>;

function problem(file: string, code: string, message: string, line: number | null = null, column: number | null = null): FileProblem {
  return { severity: 'error', code, file, line, column, field: null, message };
}

/**
 * Decodes, parses and position-maps one YAML file. Never throws: every failure becomes a
 * problem, so one broken file cannot stop the others from loading.
 */
export function parseYamlFile(bytes: Uint8Array, file: string): ParsedFile {
  const none: ParsedFile = { data: null, raw: '', locate: () => ({ line: null, column: null }), problems: [] };
  if (bytes.byteLength > MAX_FILE_BYTES) {
    none.problems.push(problem(file, 'file-too-large', `file is ${bytes.byteLength} bytes; the limit is ${MAX_FILE_BYTES}`));
    return none;
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(0, at));
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    none.problems.push(problem(file, 'encoding', 'file is not valid UTF-8 (save it as UTF-8)', line, column));
    return none;
  }
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  none.raw = raw;
  if (raw.trim() === '' || raw.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) {
    none.problems.push(problem(file, 'empty-file', 'file is empty or holds only comments'));
    return none;
  }

  let doc: Document.Parsed;
  let lc: LineCounter;
  try {
    ({ doc, lc } = parseTolerant(raw));
  } catch (e) {
    none.problems.push(problem(file, 'yaml-syntax', `the YAML parser gave up: ${(e as Error).message.split('\n')[0]}`));
    return none;
  }
  const pos = (offset: number) => lc.linePos(offset);
  if (doc.errors.length) {
    // After the first few, parser errors are mostly echoes of the first mistake.
    const shown = doc.errors.slice(0, MAX_SYNTAX_ERRORS);
    if (doc.errors.length > shown.length) {
      const p = pos(doc.errors[shown.length].pos[0]);
      none.problems.push(problem(file, 'yaml-syntax', `${doc.errors.length - shown.length} more YAML errors follow; fix the ones above first`, p.line, p.col));
    }
    for (const err of shown) {
      const p = pos(err.pos[0]);
      const code = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
      none.problems.push(problem(file, code, err.message.split('\n')[0], p.line, p.col));
    }
    return none;
  }
  if (!isMap(doc.contents)) {
    none.problems.push(problem(file, 'not-a-mapping', 'expected a YAML mapping of keys to values at the top level', 1, 1));
    return none;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error).message;
    const code = /alias/i.test(msg) ? 'yaml-alias' : 'yaml-syntax';
    none.problems.push(problem(file, code, code === 'yaml-alias' ? `refused: ${msg}` : msg.split('\n')[0]));
    return none;
  }

  return { data: data as Record<string, unknown>, raw, locate: locator(raw), problems: [] };
}

/**
 * Field positions in a file's text (BOM removed), from a parse done when first asked: only
 * files with a problem ask, and not keeping every file's parse tree until the load ends keeps
 * the load's heap (and its garbage collection) small.
 */
export function locator(raw: string): ParsedFile['locate'] {
  let tree: { doc: Document.Parsed; lc: LineCounter } | null = null;
  return (path) => {
    const { doc, lc } = (tree ??= parseTolerant(raw));
    // Walk down as far as the document goes, so a missing key points at its parent mapping.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        const p = lc.linePos(node.range[0]);
        return { line: p.line, column: p.col };
      }
    }
    return { line: null, column: null };
  };
}

const parseText = (text: string, lineCounter: LineCounter) =>
  parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.1' });

/**
 * The file's parse. PyYAML (what contentctl uses) accepts quoted scalars whose continuation
 * lines start at column 0; the `yaml` package does not. On errors it retries with those lines
 * indented, which folds to the same value and keeps every line number.
 */
function parseTolerant(raw: string): { doc: Document.Parsed; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseText(raw, lc);
  if (doc.errors.length) {
    const fixed = indentQuotedContinuations(raw);
    if (fixed !== raw) {
      const lc2 = new LineCounter();
      const retry = parseText(fixed, lc2);
      if (!retry.errors.length) return { doc: retry, lc: lc2 };
    }
  }
  return { doc, lc };
}

/**
 * Indents the continuation lines of top-level single- or double-quoted scalars that start at
 * column 0 (valid for PyYAML, rejected by the `yaml` package). Other text is left unchanged.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (quote) {
      if (line.length && !/^\s/.test(line)) lines[i] = `  ${line}`;
      if (closes(line, quote)) quote = null;
      continue;
    }
    const m = /^[A-Za-z_][\w-]*:\s+(['"])(.*)$/.exec(line);
    if (m && !closes(m[2], m[1] as "'" | '"')) quote = m[1] as "'" | '"';
  }
  return lines.join('\n');
}

/** Whether a quoted scalar that continues onto `rest` is closed on it. */
function closes(rest: string, quote: "'" | '"'): boolean {
  if (quote === "'") return rest.replace(/''/g, '').includes("'");
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === '"') return true;
  }
  return false;
}
