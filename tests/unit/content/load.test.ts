import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { formatProblem, formatSummary, summarize, type Problem } from '../../../src/content/problems';
import { NEW_DETECTION, OLD_DETECTION, validCorpus } from './samples';

const OTHER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
/** A second valid detection that must survive whatever is wrong with its neighbour. */
const NEIGHBOUR = OLD_DETECTION.replace('Sample Shell In Container', 'Sample Neighbour Detection')
  .replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', OTHER_ID)
  .replace('sample_shell_in_container_filter', 'sample_neighbour_detection_filter');

function load(detection: string | Uint8Array, extra: Record<string, string | Uint8Array> = {}) {
  const dir = validCorpus(OLD_DETECTION, { 'detections/cloud/sample_neighbour_detection.yml': NEIGHBOUR, ...extra });
  writeFileSync(`${dir}/detections/cloud/sample_shell_in_container.yml`, detection);
  return loadCatalog(dir);
}

const errors = (ps: Problem[]) => ps.filter((p) => p.severity === 'error');
const warnings = (ps: Problem[]) => ps.filter((p) => p.severity === 'warning');
const codes = (ps: Problem[]) => ps.map((p) => p.code);

describe('loadCatalog on valid content', () => {
  it('loads every type with no problems', () => {
    const cat = load(OLD_DETECTION);
    expect(cat.detections.map((d) => d.name).sort()).toEqual(['Sample Neighbour Detection', 'Sample Shell In Container']);
    expect(cat.stories).toHaveLength(1);
    expect(cat.macros).toHaveLength(1);
    expect(cat.dataSources).toHaveLength(1);
    expect(cat.problems).toEqual([]);
  });

  it('loads a contentctl-5 file next to a 2024 one', () => {
    const cat = load(NEW_DETECTION);
    expect(cat.detections.map((d) => d.generation).sort()).toEqual(['2024', 'contentctl5']);
    expect(cat.problems).toEqual([]);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const cat = load(`\ufeff${OLD_DETECTION.replace(/\n/g, '\r\n')}`);
    expect(cat.detections).toHaveLength(2);
    expect(errors(cat.problems)).toEqual([]);
    expect(cat.detections.find((d) => d.name === 'Sample Shell In Container')!.raw.startsWith('name:')).toBe(true);
  });
});

describe('errors: the broken file is reported and skipped, its neighbour stays', () => {
  const expectNeighbourKept = (cat: ReturnType<typeof load>) =>
    expect(cat.detections.map((d) => d.name)).toEqual(['Sample Neighbour Detection']);

  it('YAML syntax error, with line and column', () => {
    const cat = load(OLD_DETECTION.replace('type: Anomaly', 'type: [Anomaly'));
    const [e] = errors(cat.problems);
    expect(e).toMatchObject({ code: 'yaml-syntax', file: 'detections/cloud/sample_shell_in_container.yml' });
    expect(e.line).toBeGreaterThan(5);
    expectNeighbourKept(cat);
  });

  it('missing required field, located at its parent', () => {
    const cat = load(OLD_DETECTION.replace(/^how_to_implement: .*\n/m, ''));
    expect(errors(cat.problems)).toEqual([
      expect.objectContaining({ code: 'schema', field: 'how_to_implement', message: 'required how_to_implement is missing', line: 1 }),
    ]);
    expectNeighbourKept(cat);
  });

  it('wrong-typed field, with the line of the value', () => {
    const cat = load(OLD_DETECTION.replace('  confidence: 70', '  confidence: high'));
    const [e] = errors(cat.problems);
    expect(e).toMatchObject({ code: 'schema', field: 'tags.confidence' });
    expect(e.line).toBe(OLD_DETECTION.split('\n').findIndex((l) => l.startsWith('  confidence')) + 1);
    expectNeighbourKept(cat);
  });

  it('invalid UUID', () => {
    const cat = load(OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', '0b9f3c1e-zzzz'));
    expect(errors(cat.problems)).toEqual([expect.objectContaining({ code: 'schema', field: 'id', line: 2 })]);
    expectNeighbourKept(cat);
  });

  it('duplicate id: the first file (path order) keeps it', () => {
    const cat = load(OLD_DETECTION.replace('Sample Shell In Container', 'Another Name').replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', OTHER_ID));
    expect(errors(cat.problems)).toEqual([expect.objectContaining({ code: 'duplicate-id', file: 'detections/cloud/sample_shell_in_container.yml' })]);
    expectNeighbourKept(cat);
  });

  it('duplicate name', () => {
    const cat = load(OLD_DETECTION.replace('Sample Shell In Container', 'Sample Neighbour Detection'));
    expect(codes(errors(cat.problems))).toEqual(['duplicate-name']);
  });

  it('invalid UTF-8 bytes, with the position', () => {
    const bytes = Buffer.concat([Buffer.from('name: Bad\xff'.slice(0, 9)), Buffer.from([0xff, 0xfe]), Buffer.from('\nid: x\n')]);
    const cat = load(bytes);
    expect(errors(cat.problems)).toEqual([expect.objectContaining({ code: 'encoding', line: 1, column: 10 })]);
    expectNeighbourKept(cat);
  });

  it('alias bomb is refused by the alias limit', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const cat = load(`${bomb.join('\n')}\nname: x\n`);
    expect(codes(errors(cat.problems))).toEqual(['yaml-alias']);
    expectNeighbourKept(cat);
  });

  it('empty file', () => {
    const cat = load('# nothing here\n');
    expect(codes(errors(cat.problems))).toEqual(['empty-file']);
  });

  it('a list at the top level', () => {
    const cat = load('- name: x\n');
    expect(codes(errors(cat.problems))).toEqual(['not-a-mapping']);
  });

  it('every error of a file is reported, not only the first', () => {
    const cat = load(OLD_DETECTION.replace('version: 3', 'version: -1').replace('type: Anomaly', 'type: Other').replace(/^search: .*\n/m, ''));
    expect(errors(cat.problems).map((p) => p.field).sort()).toEqual(['search', 'type', 'version']);
  });
});

describe('warnings: the entry is kept and the problem named', () => {
  const only = (cat: ReturnType<typeof load>) => {
    expect(errors(cat.problems)).toEqual([]);
    expect(cat.detections).toHaveLength(2);
    return warnings(cat.problems);
  };

  it('unknown story', () => {
    expect(only(load(OLD_DETECTION.replace('  - Sample Story', '  - No Such Story')))).toEqual([
      expect.objectContaining({ code: 'unknown-story', field: 'tags.analytic_story[0]', entry: expect.objectContaining({ kind: 'detection' }) }),
    ]);
  });

  it('a warning carries the line and column of its field', () => {
    const [w] = only(load(OLD_DETECTION.replace('  - Sample Story', '  - No Such Story')));
    const lines = OLD_DETECTION.split('\n');
    expect(w.line).toBe(lines.findIndex((l) => l.includes('- Sample Story')) + 1);
    expect(w.column).toBe(lines[w.line! - 1].indexOf('Sample Story') + 1);
  });

  it('unknown macro', () => {
    expect(codes(only(load(OLD_DETECTION.replace('`sample_falco`', '`no_such_macro`'))))).toEqual(['unknown-macro']);
  });

  it('macros from other apps and filter macros are not reported', () => {
    const text = OLD_DETECTION.replace('| stats', '| `drop_dm_object_name(Processes)` | `security_content_ctime_other_filter` | stats');
    expect(only(load(text))).toEqual([]);
  });

  it('unknown lookup', () => {
    expect(codes(only(load(OLD_DETECTION.replace('| stats', '| lookup no_such_lookup user OUTPUT x | stats'))))).toEqual(['unknown-lookup']);
  });

  it('lookups supplied by Enterprise Security are not reported', () => {
    expect(only(load(OLD_DETECTION.replace('| stats', '| lookup asset_lookup_by_str dest | stats')))).toEqual([]);
  });

  it('unknown data source', () => {
    expect(only(load(OLD_DETECTION.replace('- Sample Falco\nsearch', '- Nowhere Defined\nsearch')))).toEqual([
      expect.objectContaining({ code: 'unknown-data-source', message: 'no data source is named "Nowhere Defined"' }),
    ]);
  });

  it('unknown ATT&CK id (newer than the bundled data)', () => {
    expect(codes(only(load(OLD_DETECTION.replace('  - T1204', '  - T1999'))))).toEqual(['unknown-attack-id']);
  });

  it('malformed ATT&CK id', () => {
    expect(codes(only(load(OLD_DETECTION.replace('  - T1204', '  - T12X4'))))).toEqual(['invalid-attack-id']);
  });

  it('search without its filter macro', () => {
    expect(codes(only(load(OLD_DETECTION.replace(' | `sample_shell_in_container_filter`', ''))))).toEqual(['missing-filter-macro']);
  });

  it('file name that does not follow the name', () => {
    const cat = load(OLD_DETECTION, { 'detections/cloud/sample_shell_in_container.yml': OLD_DETECTION });
    expect(warnings(cat.problems)).toEqual([]);
    const renamed = load(NEIGHBOUR.replace('Sample Neighbour Detection', 'Sample Neighbour Renamed').replace(OTHER_ID, '00000000-0000-4000-8000-000000000001').replace('sample_neighbour_detection_filter', 'sample_neighbour_renamed_filter'));
    expect(codes(warnings(renamed.problems))).toEqual(['file-name-rule']);
  });

  it('production detection without two drilldowns', () => {
    const text = OLD_DETECTION.replace(/drilldown_searches:[\s\S]*?tags:/, 'tags:');
    expect(codes(only(load(text)))).toEqual(['drilldowns-required']);
  });

  it('non-http reference', () => {
    expect(codes(only(load(OLD_DETECTION.replace('- https://example.org/falco', '- javascript:alert(1)'))))).toEqual(['non-http-reference']);
  });
});

describe('problem report formatting', () => {
  const p: Problem = { severity: 'error', code: 'schema', file: 'detections/a.yml', line: 3, column: 5, field: 'tags.product', message: 'expected product as a list', entry: null };

  it('formats file:line:col [field]: reason', () => {
    expect(formatProblem(p)).toBe('error detections/a.yml:3:5 [tags.product]: expected product as a list');
  });

  it('summarizes counts and top reasons, errors first', () => {
    const w: Problem = { ...p, severity: 'warning', code: 'unknown-story' };
    const s = summarize([w, p, w]);
    expect(s).toMatchObject({ errors: 1, warnings: 2 });
    expect(s.byCode.map((x) => `${x.severity}:${x.code}:${x.count}`)).toEqual(['error:schema:1', 'warning:unknown-story:2']);
    const text = formatSummary([w, p, w], { listErrors: true });
    expect(text).toContain('Content errors (1):');
    expect(text).toContain('Content report: 1 error, 2 warnings');
  });
});
