import { describe, expect, it } from 'vitest';
import { fieldDiff, fold, lineDiff, searchDiff, type DiffLine } from '../../../src/domain/history/diff.ts';

const ops = (d: ReturnType<typeof lineDiff>) =>
  d.blocks.map((b) =>
    b.type === 'folded' ? `…${b.lines.length}` : b.lines.map((l) => `${l.op[0]}:${l.text}`).join(' '),
  );

describe('line diffs', () => {
  it('marks added and removed lines with their line numbers', () => {
    const d = lineDiff('a\nb\nc', 'a\nB\nc\nd');
    expect(d.blocks).toEqual([
      {
        type: 'lines',
        lines: [
          { op: 'same', text: 'a', oldLine: 1, newLine: 1 },
          { op: 'del', text: 'b', oldLine: 2, newLine: null },
          { op: 'add', text: 'B', oldLine: null, newLine: 2 },
          { op: 'same', text: 'c', oldLine: 3, newLine: 3 },
          { op: 'add', text: 'd', oldLine: null, newLine: 4 },
        ],
      },
    ]);
    expect([d.added, d.removed, d.identical, d.gaveUp]).toEqual([2, 1, false, false]);
  });

  it('folds long unchanged runs, keeping the context around each change', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const next = old.map((l) => (l === 'l10' ? 'L10' : l));
    expect(ops(lineDiff(old.join('\n'), next.join('\n'), { context: 2 }))).toEqual([
      '…7',
      's:l8 s:l9 d:l10 a:L10 s:l11 s:l12',
      '…8',
    ]);
    // A run one line longer than its context is not worth a fold.
    expect(ops(lineDiff('a\nb\nc\nd', 'a\nb\nc\nD', { context: 2 })).join(' | ')).toBe('s:a s:b s:c d:d a:D');
    expect(ops(lineDiff('a\nb\nc\nd\ne', 'a\nb\nc\nd\nE', { context: 2 }))).toEqual(['…2', 's:c s:d d:e a:E']);
  });

  it('treats line ends and a trailing newline as no change, and null as an empty text', () => {
    expect(lineDiff('a\r\nb\n', 'a\nb').identical).toBe(true);
    expect(ops(lineDiff(null, 'x'))).toEqual(['a:x']);
    expect(ops(lineDiff('x', null))).toEqual(['d:x']);
    expect(lineDiff(null, null)).toMatchObject({ blocks: [], identical: true });
  });

  it('gives up on texts too different to align cheaply, still showing both', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b);
    expect([d.gaveUp, d.removed, d.added]).toEqual([true, 3000, 3000]);
  });

  it('diffs a search one pipe, and one clause, to a line', () => {
    const d = searchDiff(
      '| tstats count from datamodel=X by dest | `drop_dm_object_name(X)` | `x_filter`',
      '| tstats count from datamodel=X by dest, user | `drop_dm_object_name(X)` | `x_filter`',
    );
    expect(ops(d)).toEqual([
      's:| tstats count s:    from datamodel=X d:    by dest a:    by dest, user s:| `drop_dm_object_name(X)` s:| `x_filter`',
    ]);
    expect(fieldDiff({ search: 'a | b' }, { search: 'a | c' }, 'search').added).toBe(1);
    expect(fieldDiff({ description: 'one' }, { description: 7 }, 'description').removed).toBe(1);
    expect(fieldDiff({ search: 'a | b' }, { search: 'a | b' }, 'search')).toMatchObject({
      identical: true,
      blocks: [],
    });
  });

  it('fold leaves a diff without unchanged lines alone', () => {
    const all: DiffLine[] = [{ op: 'add', text: 'x', oldLine: null, newLine: 1 }];
    expect(fold(all, 0)).toEqual([{ type: 'lines', lines: all }]);
  });
});
