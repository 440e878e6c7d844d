import { describe, expect, it } from 'vitest';
import { changeGroups, type ReleaseRow } from '../../../src/views/releases.ts';
import type { ChangeWord } from '../../../src/domain/history/index.ts';

const row = (name: string, ...changes: ChangeWord[]): ReleaseRow => ({ key: name, name, path: `x/${name}/`, changes });

describe('changeGroups', () => {
  it('puts each updated detection once, under its most telling change, in vocabulary order', () => {
    const groups = changeGroups(
      [row('a', 'references', 'search'), row('b', 'drilldowns'), row('c', 'drilldowns', 'other'), row('d')],
      10,
    );
    expect(groups.map((g) => [g.word, g.rows.map((r) => r.name), g.total])).toEqual([
      ['search', ['a'], 1],
      ['drilldowns', ['b', 'c'], 2],
      [null, [], 1],
    ]);
  });

  it('lists at most `cap` names per group and counts the rest', () => {
    const many = Array.from({ length: 40 }, (_, i) => row(`d${i}`, 'drilldowns'));
    const [g] = changeGroups(many, 25);
    expect([g.rows.length, g.total]).toEqual([25, 40]);
    expect(g.rows[0].name).toBe('d0');
  });
});
