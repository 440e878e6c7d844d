import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_RUNS, nextAged, readAged, writeAged } from '../../../src/lib/aged-cache';

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

  it('reads back what it wrote, as JSON or (a .bin file) V8-serialized, and an unreadable file as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aged-'));
    const f = nextAged<string>({ run: 0, entries: {} }, new Map([['k', '<span class="x">a</span>\u2028']]));
    for (const name of ['c.json', 'c.bin']) {
      writeAged(join(dir, name), f, () => false);
      expect(readAged(join(dir, name))).toEqual(f);
    }
    expect(readFileSync(join(dir, 'c.json'), 'utf8').startsWith('{')).toBe(true);
    expect(readFileSync(join(dir, 'c.bin'))[0]).toBe(0xff);
    writeFileSync(join(dir, 'bad.bin'), 'not a serialization');
    expect(readAged(join(dir, 'bad.bin'))).toEqual({ run: 0, entries: {} });
  });
});
