import { diffArrays } from 'diff';
import { formatSearch } from '../spl/format.ts';

/**
 * Line diffs of a search or a description between two versions, shaped for a component: lines
 * to show, and runs of unchanged lines folded away with enough context around each change.
 */

export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
  /** 1-based line number in the old text (null for an added line). */
  oldLine: number | null;
  /** 1-based line number in the new text (null for a removed line). */
  newLine: number | null;
}

export type DiffBlock = { type: 'lines'; lines: DiffLine[] } | { type: 'folded'; lines: DiffLine[] };

export interface TextDiff {
  /** In order; a `folded` block holds unchanged lines a page may show on request. */
  blocks: DiffBlock[];
  added: number;
  removed: number;
  identical: boolean;
  /** The texts were too different to align within the budget: every old line removed, every new one added. */
  gaveUp: boolean;
}

export interface DiffOptions {
  /** Unchanged lines kept on each side of a change. */
  context?: number;
}

export const DEFAULT_CONTEXT = 3;
/**
 * Myers' cost grows with the number of edits times the length; a budget keeps one odd pair of
 * versions (a search rewritten from scratch) from stalling a build. Past it the diff says so.
 */
const MAX_EDIT_LENGTH = 2000;

const lines = (s: string | null) =>
  s === null || s === '' ? [] : s.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');

/** The line diff of two texts; null stands for a version without the field. */
export function lineDiff(prev: string | null, next: string | null, options: DiffOptions = {}): TextDiff {
  const a = lines(prev);
  const b = lines(next);
  const out: DiffLine[] = [];
  let o = 1;
  let n = 1;
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  const gaveUp = changes === undefined;
  for (const c of changes ?? [
    { removed: true, added: false, value: a, count: a.length },
    { removed: false, added: true, value: b, count: b.length },
  ])
    for (const text of c.value) {
      if (c.added) out.push({ op: 'add', text, oldLine: null, newLine: n++ });
      else if (c.removed) out.push({ op: 'del', text, oldLine: o++, newLine: null });
      else out.push({ op: 'same', text, oldLine: o++, newLine: n++ });
    }
  const added = out.filter((l) => l.op === 'add').length;
  const removed = out.filter((l) => l.op === 'del').length;
  return {
    blocks: fold(out, Math.max(0, options.context ?? DEFAULT_CONTEXT)),
    added,
    removed,
    identical: added + removed === 0,
    gaveUp,
  };
}

/** Folds each run of unchanged lines longer than the context it must keep. */
export function fold(all: DiffLine[], context: number): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  const push = (type: DiffBlock['type'], ls: DiffLine[]) => {
    if (ls.length === 0) return;
    const last = blocks.at(-1);
    if (last && last.type === type && type === 'lines') last.lines.push(...ls);
    else blocks.push({ type, lines: ls });
  };
  let i = 0;
  while (i < all.length) {
    if (all[i].op !== 'same') {
      let j = i;
      while (j < all.length && all[j].op !== 'same') j++;
      push('lines', all.slice(i, j));
      i = j;
      continue;
    }
    let j = i;
    while (j < all.length && all[j].op === 'same') j++;
    const run = all.slice(i, j);
    const before = i > 0 ? context : 0;
    const after = j < all.length ? context : 0;
    // Folding fewer lines than a fold's own line would save nothing.
    if (run.length > before + after + 1) {
      push('lines', run.slice(0, before));
      push('folded', run.slice(before, run.length - after));
      push('lines', run.slice(run.length - after));
    } else push('lines', run);
    i = j;
  }
  return blocks;
}

/**
 * A search diff reads best one pipe to a line: most searches are written as one long line. Each
 * version's search is the new side of one diff and the old side of the next; `formatSearch`
 * keeps what it formatted.
 */
const DIFF_LAYOUT = { line: 0, clause: 0 } as const;
export function searchDiff(prev: string | null, next: string | null, options?: DiffOptions): TextDiff {
  const f = (s: string | null) => (s === null ? null : formatSearch(s, DIFF_LAYOUT));
  return lineDiff(f(prev), f(next), options);
}

/**
 * The diff of a text field of two versions' parsed YAML; a field that is not a string counts as
 * absent. A field equal on both sides is identical with no lines.
 */
export function fieldDiff(
  prev: Record<string, unknown> | null,
  next: Record<string, unknown> | null,
  field: string,
  options?: DiffOptions,
): TextDiff {
  const get = (d: Record<string, unknown> | null) => (typeof d?.[field] === 'string' ? (d[field] as string) : null);
  const [a, b] = [get(prev), get(next)];
  // Most versions leave most fields as they were: nothing to format or align.
  if (a === b) return { blocks: [], added: 0, removed: 0, identical: true, gaveUp: false };
  return field === 'search' || field === 'definition' ? searchDiff(a, b, options) : lineDiff(a, b, options);
}
