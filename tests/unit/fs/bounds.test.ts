import { describe, expect, it } from 'vitest';
import {
  expandMacros,
  expansionCap,
  MAX_EXPANDED_CHARS,
  MAX_EXPANSION_STEPS,
  type MacroDef,
} from '../../../src/domain/spl/expand';
import { clipList, clipText, MAX_DRILLDOWN_CHARS, resolveDrilldowns } from '../../../src/domain/lint/bounds';
import { summarizeCsv, LOOKUP_PREVIEW_ROWS } from '../../../src/content/csv-summary';

/** `fan_0` calls `fan_1` eight times, … down to `fan_<depth>`: 8^depth calls if expanded. */
function fanOut(depth: number): Map<string, MacroDef> {
  const m = new Map<string, MacroDef>();
  for (let k = 0; k < depth; k++)
    m.set(`fan_${k}`, {
      definition: Array(8)
        .fill(`\`fan_${k + 1}\``)
        .join(' '),
      arguments: [],
    });
  m.set(`fan_${depth}`, { definition: 'index=main', arguments: [] });
  return m;
}

describe('expandMacros caps', () => {
  it('stops a fan-out bomb (fan-out 8, depth 9) quickly, with the search as written', () => {
    const t = performance.now();
    const r = expandMacros('`fan_0` | stats count', fanOut(9), { filter: 'keep' });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.tooLarge).toBeDefined();
    expect(r.search).toBe('`fan_0` | stats count');
  });

  it('stops on the work cap before the length cap when calls expand to little', () => {
    const m = new Map<string, MacroDef>([
      ['a', { definition: '`b` `b` `b` `b`', arguments: [] }],
      ['b', { definition: '`c` `c` `c` `c`', arguments: [] }],
      ['c', { definition: '`d` `d` `d` `d`', arguments: [] }],
      ['d', { definition: '`e` `e` `e` `e`', arguments: [] }],
      ['e', { definition: '`f` `f` `f` `f`', arguments: [] }],
      ['f', { definition: '`g` `g` `g` `g`', arguments: [] }],
      ['g', { definition: 'x', arguments: [] }],
    ]);
    expect(expandMacros('`a`', m, { filter: 'keep' }).tooLarge).toEqual({
      reason: 'steps',
      limit: MAX_EXPANSION_STEPS,
    });
  });

  it('caps the length at 64 KB or ten times the input, whichever is larger', () => {
    expect(expansionCap(100)).toBe(MAX_EXPANDED_CHARS);
    expect(expansionCap(10_000)).toBe(100_000);
    const big = new Map<string, MacroDef>([['big', { definition: 'x'.repeat(70 * 1024), arguments: [] }]]);
    expect(expandMacros('`big`', big, { filter: 'keep' }).tooLarge).toEqual({
      reason: 'length',
      limit: MAX_EXPANDED_CHARS,
    });
    // Just under the cap expands in full.
    const fits = new Map<string, MacroDef>([['big', { definition: 'x'.repeat(60 * 1024), arguments: [] }]]);
    const r = expandMacros('`big`', fits, { filter: 'keep' });
    expect(r.tooLarge).toBeUndefined();
    expect(r.search).toHaveLength(60 * 1024);
  });

  it('caps an argument copied many times into the definition', () => {
    const m = new Map<string, MacroDef>([['rep', { definition: Array(100).fill('$a$').join(' '), arguments: ['a'] }]]);
    expect(expandMacros(`\`rep(${'y'.repeat(2000)})\``, m, { filter: 'keep' }).tooLarge?.reason).toBe('length');
  });

  it('leaves ordinary expansion unchanged', () => {
    const m = new Map<string, MacroDef>([
      ['s', { definition: 'index=main sourcetype=x', arguments: [] }],
      ['w', { definition: 'where $f$>1', arguments: ['f'] }],
    ]);
    expect(expandMacros('`s` | stats count by f | `w(count)` | `x_filter`', m, { filter: 'remove' })).toEqual({
      search: 'index=main sourcetype=x | stats count by f | where count>1',
      expanded: ['s', 'w'],
      unknown: [],
    });
  });
});

describe('resolveDrilldowns', () => {
  const search = 's'.repeat(2000);
  it('resolves within the budget and leaves the rest as written (null)', () => {
    const many = { search: '%original_detection_search% '.repeat(5) };
    const r = resolveDrilldowns(search, Array(50).fill(many));
    const done = r.filter((x) => x !== null);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(50);
    expect(done.reduce((n, x) => n + x!.length, 0)).toBeLessThanOrEqual(MAX_DRILLDOWN_CHARS);
    expect(done[0]).toContain(search);
  });

  it('caps one drilldown repeating the search many times', () => {
    expect(
      resolveDrilldowns(search, [{ search: '%original_detection_search% '.repeat(400) }, { search: 'index=x' }]),
    ).toEqual([null, 'index=x']);
  });

  it('resolves the usual drilldowns in full', () => {
    expect(resolveDrilldowns('index=a', [{ search: '%original_detection_search% | search u=$u$' }])).toEqual([
      'index=a | search u=$u$',
    ]);
  });
});

describe('clipText / clipList', () => {
  it('keeps short text and cuts long text without splitting a surrogate pair', () => {
    expect(clipText('abc', 5)).toEqual({ text: 'abc', omitted: 0 });
    expect(clipText('abcdef', 4)).toEqual({ text: 'abcd', omitted: 2 });
    expect(clipText('ab🚨cd', 3)).toEqual({ text: 'ab', omitted: 4 });
  });
  it('keeps the items that fit (at least one) and counts the rest', () => {
    expect(clipList(['aaaa', 'bbbb', 'cccc'], 10)).toEqual({ items: ['aaaa', 'bbbb'], omitted: 1 });
    expect(clipList(['a'.repeat(50)], 10)).toEqual({ items: ['a'.repeat(50)], omitted: 0 });
    expect(clipList([], 10)).toEqual({ items: [], omitted: 0 });
  });
});

describe('summarizeCsv', () => {
  const csv = (rows: number) =>
    Buffer.from(`a,b\n${Array.from({ length: rows }, (_, i) => `x${i},"y ""${i}"""`).join('\n')}\n`);
  it('keeps the header, the first rows and the exact count of a whole file', () => {
    const r = summarizeCsv(csv(1000));
    expect('data' in r && r.data).toMatchObject({ header: ['a', 'b'], rowCount: 1000 });
    expect('data' in r && r.data.rows).toHaveLength(LOOKUP_PREVIEW_ROWS);
    expect('data' in r && r.data.rows[1]).toEqual(['x1', 'y "1"']);
    expect('data' in r && r.data.rowCountAtLeast).toBeUndefined();
  });

  it('counts a cut file as a lower bound and does not count the cut row', () => {
    const whole = csv(1000);
    const r = summarizeCsv(whole.subarray(0, whole.indexOf('x500') + 2), true);
    // 500 whole rows precede the cut; the parser may hold back the last one it cannot yet end.
    expect('data' in r && r.data.rowCountAtLeast).toBe(true);
    const n = 'data' in r ? r.data.rowCount : -1;
    expect(n).toBeGreaterThanOrEqual(499);
    expect(n).toBeLessThanOrEqual(500);
  });

  it('names the first ragged row and reports unparseable text', () => {
    const r = summarizeCsv(Buffer.from('a,b\n1,2\n1,2,3\n'));
    expect('bad' in r && r.bad).toEqual({ line: 3, columns: 3 });
    expect(summarizeCsv(Buffer.from('a,b\n"unterminated,2\n'))).toHaveProperty('error');
  });

  it('parses across chunk boundaries exactly like one piece', () => {
    const big = Buffer.from(
      `h1,h2\n${Array.from({ length: 40_000 }, (_, i) => `"multi\nline ${i}",v${i}`).join('\n')}\n`,
    );
    const r = summarizeCsv(big);
    expect('data' in r && r.data.rowCount).toBe(40_000);
    expect('bad' in r && r.bad).toBeNull();
  });
});

describe('boundsProblems', () => {
  it('names each cap the content reaches as a warning on its file, and nothing on ordinary content', async () => {
    const { boundsProblems } = await import('../../../src/domain/lint/bounds');
    const { loadCatalog } = await import('../../../src/domain/catalog/load');
    const { validCorpus } = await import('../content/samples');
    const plain = loadCatalog(validCorpus());
    expect(boundsProblems(plain)).toEqual([]);
    const fan = Array.from({ length: 9 }, (_, k) => [
      `macros/fan_${k}.yml`,
      `name: fan_${k}\ndefinition: "${Array(8)
        .fill(`\`fan_${k + 1}\``)
        .join(' ')}"\ndescription: x\n`,
    ]);
    const cat = loadCatalog(
      validCorpus(undefined, {
        ...Object.fromEntries(fan),
        'macros/fan_9.yml': 'name: fan_9\ndefinition: index=main\ndescription: leaf\n',
        'stories/long_story.yml': `name: Long Story\nid: 3c7d2a0b-9f1e-4d6a-8b5c-2e4f6a8b0c1d\nversion: 1\ndate: '2025-01-01'\nauthor: a\ndescription: short\nnarrative: "${'n'.repeat(600 * 1024)}"\ntags:\n  category:\n  - Malware\n  product:\n  - Splunk Enterprise\n  usecase: Other\n`,
      }),
    );
    // The sample detection, pointed at the bomb.
    const d = cat.detections[0];
    d.search = '`fan_0` | stats count';
    d.drilldowns = Array.from({ length: 5 }, () => ({
      ...d.drilldowns[0],
      search: '%original_detection_search% '.repeat(2000),
    }));
    const got = boundsProblems(cat).map((p) => `${p.file} ${p.code} ${p.field}`);
    expect(got).toContain(`${d.filePath} expansion-too-large search`);
    expect(got).toContain(`${d.filePath} drilldown-too-large drilldown_searches[0].search`);
    expect(got).toContain('stories/long_story.yml text-too-large narrative');
  });
});
