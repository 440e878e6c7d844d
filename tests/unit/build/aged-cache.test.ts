import { describe, expect, it } from 'vitest';
import { KEEP_RUNS, nextAged } from '../../../src/lib/aged-cache';

describe('aged cache', () => {
  it('keeps entries used within the last runs and drops older ones', () => {
    let f = nextAged<string>(
      { run: 0, entries: {} },
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect(f.run).toBe(1);
    for (let i = 0; i < KEEP_RUNS - 1; i++) f = nextAged(f, new Map([['a', 'A2']]));
    expect(f.entries.b?.v).toBe('B');
    expect(f.entries.a).toEqual({ v: 'A2', run: KEEP_RUNS });
    f = nextAged(f, new Map([['a', 'A3']]));
    expect(f.entries.b).toBeUndefined();
    expect(Object.keys(f.entries)).toEqual(['a']);
  });
});
