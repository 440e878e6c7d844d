import { LineCounter, Parser, parseDocument, isMap, isNode, isScalar, visit, type Document, type YAMLError } from 'yaml';
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
    const errors = meaningfulErrors(raw, doc.errors);
    const shown = errors.slice(0, MAX_SYNTAX_ERRORS);
    if (errors.length > shown.length) {
      const p = pos(errors[shown.length].pos[0]);
      none.problems.push(problem(file, 'yaml-syntax', `${errors.length - shown.length} more YAML errors follow; fix the ones above first`, p.line, p.col));
    }
    for (const err of shown) {
      const where = errorPlace(raw, doc, err);
      const p = pos(where.offset);
      const code = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
      const first = where.firstKey === undefined ? '' : `, first on line ${pos(where.firstKey).line}`;
      none.problems.push(problem(file, code, `${where.message}${first}`, p.line, p.col));
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

/** The text `parseYamlFile` reads from these bytes (BOM removed); empty where it reads none. */
export function decodeYamlText(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_FILE_BYTES) return '';
  try {
    const raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  } catch {
    return '';
  }
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

/**
 * The parser's errors, less echoes: a value indented under a plain scalar gives both "nested
 * mappings are not allowed in compact mappings" and "implicit keys need to be on a single
 * line" at the same start; the second says where the mistake is.
 */
function meaningfulErrors(raw: string, errors: readonly YAMLError[]): YAMLError[] {
  const multiline = new Set(
    errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && raw.slice(e.pos[0], e.pos[1]).includes('\n')).map((e) => e.pos[0]),
  );
  return errors.filter((e) => !(e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos[0])));
}

interface ErrorPlace {
  offset: number;
  message: string;
  /** For a duplicate key: where the first one is. */
  firstKey?: number;
}

/**
 * Where the author has to look for a parser error, and what to say. The parser reports an
 * unclosed quote or bracket where it ran out of text (the end of the file), a value indented
 * too deep where that value started, and a duplicate key without the first one: each is moved
 * to the character the author has to fix.
 */
export function errorPlace(raw: string, doc: Document.Parsed, err: YAMLError): ErrorPlace {
  const at = err.pos[0];
  const reason = err.message.split('\n')[0];
  if (err.code === 'MISSING_CHAR' && /quote/.test(reason)) {
    const open = lastToken(raw, at, (t) => (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && t.offset + t.source.length >= at);
    if (open) return { offset: open.offset, message: `the quote opened here is never closed (${reason})` };
  }
  if (/Flow (sequence|map)/.test(reason) || (err.code === 'MISSING_CHAR' && /flow|[\]}]/.test(reason))) {
    const open = lastToken(raw, at, (t) => t.type === 'flow-collection' && !t.closed);
    if (open) return { offset: open.offset, message: `the ${open.source} opened here is never closed (${reason})` };
  }
  if (err.code === 'MULTILINE_IMPLICIT_KEY') {
    const text = raw.slice(at, err.pos[1]);
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      const line = at + nl + 1;
      const indent = /^[ ]*/.exec(raw.slice(line))![0].length;
      return {
        offset: line + indent,
        message: `this line is indented deeper than the key above it, so it runs on from the value before it (${reason})`,
      };
    }
  }
  if (err.code === 'DUPLICATE_KEY') {
    const first = firstOfDuplicate(doc, at);
    if (first) return { offset: at, message: `duplicate key "${first.key}"`, firstKey: first.offset };
  }
  return { offset: at, message: reason };
}

interface Token {
  type: string;
  offset: number;
  source: string;
  closed: boolean;
}

/** The last CST token before `before` that `match` accepts (quoted scalars, flow collections). */
function lastToken(raw: string, before: number, match: (t: Token) => boolean): Token | null {
  let found: Token | null = null;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; offset?: unknown; source?: unknown; start?: { source?: string }; end?: { source?: string }[] };
    if (typeof n.type === 'string' && typeof n.offset === 'number' && n.offset < before) {
      const t: Token = {
        type: n.type,
        offset: n.offset,
        source: typeof n.source === 'string' ? n.source : (n.start?.source ?? ''),
        closed: n.type === 'flow-collection' ? (n.end ?? []).some((e) => e.source === ']' || e.source === '}') : true,
      };
      if (match(t) && (!found || t.offset >= found.offset)) found = t;
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  for (const token of new Parser().parse(raw)) walk(token);
  return found;
}

/** The key whose node starts at `offset` and where the first key of that mapping with its value is. */
function firstOfDuplicate(doc: Document.Parsed, offset: number): { key: string; offset: number } | null {
  let found: { key: string; offset: number } | null = null;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const k = pair.key.value;
        if (pair.key.range[0] === offset && seen.has(k)) {
          found = { key: String(k), offset: seen.get(k)! };
          return visit.BREAK;
        }
        if (!seen.has(k)) seen.set(k, pair.key.range[0]);
      }
      return undefined;
    },
  });
  return found;
}
