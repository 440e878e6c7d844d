import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode, revive, YamlCache } from '../../../src/content/yaml-cache';
import { parseYamlFile } from '../../../src/content/yaml-file';
import { KINDS } from '../../../src/content/kinds';

const file = (i: number) => Buffer.from(`name: Detection ${i}\ndate: 2024-10-0${(i % 9) + 1}\ntags:\n  mitre_attack_id:\n  - T1204\nsearch: '| tstats count'\n`);

describe('encode / revive', () => {
  it('carries plain parsed YAML exactly, dates included', () => {
    const v = { a: 'x', n: 1.5, t: true, z: null, d: new Date('2024-10-01T00:00:00Z'), list: [{ k: [1, 'two'] }] };
    const back = revive(JSON.parse(JSON.stringify(encode(v))));
    expect(back).toEqual(v);
    expect((back as typeof v).d).toBeInstanceOf(Date);
  });

  it('refuses what JSON would change', () => {
    for (const bad of [NaN, Infinity, -0, new Map([['a', 1]]), new Set([1]), new Uint8Array([1]), JSON.parse('{"__proto__": {"x": 1}}')]) {
      expect(encode({ v: bad })).toBeUndefined();
    }
  });
});

describe('YamlCache', () => {
  it('gives a later load the same data and positions without parsing again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-'));
    const cacheFile = join(dir, 'cache.json');
    const first = new YamlCache(cacheFile);
    const fresh = Array.from({ length: 25 }, (_, i) => first.parse(file(i), `detections/x/d${i}.yml`));
    first.save();

    const second = new YamlCache(cacheFile);
    const hit = second.parse(file(3), 'detections/x/d3.yml');
    expect(hit.data).toEqual(fresh[3].data);
    expect(hit.raw).toBe(fresh[3].raw);
    expect(hit.locate(['tags', 'mitre_attack_id', 0])).toEqual(parseYamlFile(file(3), 'detections/x/d3.yml').locate(['tags', 'mitre_attack_id', 0]));
    expect(hit.locate(['search'])).toEqual({ line: 6, column: 9 });
    expect(second.hits).toBe(1);
    // Same bytes under another path, or changed bytes, are parsed (problems name the file).
    const moved = second.parse(file(3), 'detections/y/d3.yml');
    expect(moved.data).toEqual(fresh[3].data);
    const edited = second.parse(Buffer.from(`${file(3)}description: new\n`), 'detections/x/d3.yml');
    expect(edited.data?.description).toBe('new');
    expect(second.hits).toBe(1);
  });

  it('keeps no entry for a file with problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-'));
    const cacheFile = join(dir, 'cache.json');
    const c = new YamlCache(cacheFile);
    for (let i = 0; i < 25; i++) c.parse(Buffer.from(`name: [unclosed ${i}\n`), `bad${i}.yml`);
    c.save();
    const again = new YamlCache(cacheFile).parse(Buffer.from('name: [unclosed 0\n'), 'bad0.yml');
    expect(again.data).toBeNull();
    expect(again.problems.length).toBeGreaterThan(0);
  });

  it('memo runs a computation once per content, across loads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-'));
    const cacheFile = join(dir, 'cache.json');
    let runs = 0;
    const compute = (n: number) => () => {
      runs++;
      return { header: ['a'], rows: [[String(n)]], rowCount: n };
    };
    const first = new YamlCache(cacheFile);
    for (let i = 0; i < 25; i++) first.memo('csv', `lookups/l${i}.csv`, Buffer.from(`a\n${i}\n`), compute(i));
    first.save();
    expect(runs).toBe(25);
    const second = new YamlCache(cacheFile);
    expect(second.memo('csv', 'lookups/l7.csv', Buffer.from('a\n7\n'), compute(7))).toEqual({ header: ['a'], rows: [['7']], rowCount: 7 });
    expect(runs).toBe(25);
    second.memo('csv', 'lookups/l7.csv', Buffer.from('a\n8\n'), compute(8));
    expect(runs).toBe(26);
  });
});

describe('loadCatalog with the parse cache', () => {
  it('a later load reuses the model entries, equal to a fresh load down to key order, and normalizes an edited file again', async () => {
    const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const { loadCatalog } = await import('../../../src/domain/catalog/load');
    const dir = mkdtempSync(join(tmpdir(), 'yc-load-'));
    cpSync(join(process.cwd(), 'content'), join(dir, 'content'), { recursive: true });
    const content = join(dir, 'content');
    const cacheFile = join(dir, 'cache.json');
    const lists = (c: ReturnType<typeof loadCatalog>) => JSON.stringify([...KINDS.map((k) => c[k.key]), c.problems]);
    const uncached = loadCatalog(content);
    const first = loadCatalog(content, { yamlCacheFile: cacheFile });
    // Entries are kept in place of the data they came from.
    const saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { v: { d?: unknown; n?: unknown } }> };
    expect(Object.values(saved.entries).filter((e) => e.v.n !== undefined && e.v.d === undefined).length).toBeGreaterThan(20);
    const second = loadCatalog(content, { yamlCacheFile: cacheFile });
    // Page fingerprints hash entries as JSON: the reused ones must serialize exactly alike.
    expect(lists(second)).toBe(lists(uncached));
    expect(lists(first)).toBe(lists(uncached));
    const d = second.detections[0]!;
    const path = join(content, d.filePath);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^description: .*$/m, 'description: Edited since the last load.'));
    const third = loadCatalog(content, { yamlCacheFile: cacheFile });
    expect(third.detections.find((x) => x.id === d.id)!.description).toBe('Edited since the last load.');
    expect(third.detections.find((x) => x.id === d.id)!.raw).toContain('Edited since the last load.');
  });
});
