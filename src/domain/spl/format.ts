import { scan } from './scan.ts';

/**
 * One pipe per line, splitting only at pipes outside quotes, macros, comments and brackets
 * (so subsearches stay on their command's line). Text inside strings is never changed.
 */
export function splitPipes(search: string): string[] {
  const s = search.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const cuts: number[] = [];
  for (const r of scan(s)) {
    if (r.kind !== 'text' || r.depth > 0) continue;
    for (let i = r.start; i < r.end; i++) {
      // `||` is an operator in eval expressions, not a pipe.
      if (s[i] === '|' && s[i + 1] !== '|' && s[i - 1] !== '|') cuts.push(i);
    }
  }
  const parts: string[] = [];
  let last = 0;
  for (const c of cuts) {
    parts.push(s.slice(last, c));
    last = c;
  }
  parts.push(s.slice(last));
  return parts
    .map((p) => p.replace(/^\s+/, '').replace(/\s+$/, ''))
    .map((p) => (p.startsWith('|') ? `| ${p.slice(1).replace(/^[ \t]+/, '')}` : p))
    .filter((p, i) => p.length > 0 || i === 0);
}

/** A command line longer than this is split into clauses. */
const LONG_LINE = 90;
/** A clause still longer than this is split again before each top-level `OR`. */
const LONG_CLAUSE = 120;
const INDENT = '    ';

/**
 * A long command line split before its top-level `from`, `where` and `by` clauses (the shape of
 * `| tstats … from datamodel=… where … by …`), and a clause still too long before its top-level
 * `OR`s; each continuation indented. Only whitespace outside strings, macros, comments and
 * brackets changes, and a line that already has a line break is the author's layout, kept.
 */
export function splitClauses(line: string, layout: Layout = {}): string {
  if (line.length <= (layout.line ?? LONG_LINE) || line.includes('\n')) return line;
  const clauses = cutBefore(line, /\s(?:from|where|by)\s/gi);
  return clauses
    .map((c) => (c.length > (layout.clause ?? LONG_CLAUSE) ? cutBefore(c, /\sOR\s/g).join(`\n${INDENT}${INDENT}`) : c))
    .join(`\n${INDENT}`);
}

/** `text` cut at each top-level match of `re` (whose first character is the whitespace replaced). */
function cutBefore(text: string, re: RegExp): string[] {
  const cuts: number[] = [];
  // Never before the command's own word (`| where …`, `| from …`).
  const head = /^\|?\s*\S+/.exec(text)?.[0].length ?? 0;
  for (const r of scan(text)) {
    if (r.kind !== 'text' || r.depth > 0) continue;
    for (const m of text.slice(r.start, r.end).matchAll(re))
      if (r.start + m.index >= head) cuts.push(r.start + m.index);
  }
  if (cuts.length === 0) return [text];
  const out: string[] = [];
  let last = 0;
  for (const c of cuts) {
    out.push(text.slice(last, c).trimEnd());
    last = c + 1;
  }
  out.push(text.slice(last));
  return out.filter((x) => x.length > 0);
}

/**
 * Line lengths past which a command is split into clauses, and a clause at its ORs. A diff lays
 * out both versions with 0 (every clause, every OR on its own line), so an edit that moves a line
 * past a length never turns into a rewrite of the whole command.
 */
export interface Layout {
  line?: number;
  clause?: number;
}

/**
 * Formatted searches are kept, a bounded number (a dev server sees every edit): a detection
 * page shows its search formatted and its note reads the same formatting, and each version of
 * a search in the history is the new side of one diff and the old side of the next.
 */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 8192;

export function formatSearch(search: string, layout: Layout = {}): string {
  const key = `${layout.line ?? ''},${layout.clause ?? ''}\u0000${search}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const lines = splitPipes(search).filter((l) => l.length > 0);
  const out = lines.map((l) => splitClauses(l, layout)).join('\n');
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  formatted.set(key, out);
  return out;
}
