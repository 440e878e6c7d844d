import { describe, expect, it } from 'vitest';
import { CHANGE_WORDS, changedFields, same } from '../../../src/domain/history/changes.ts';

const base = {
  name: 'X',
  id: 'x',
  version: 1,
  date: '2024-01-01',
  author: 'A',
  status: 'production',
  description: 'Finds things.',
  data_source: ['Sysmon EventID 1'],
  search: '| tstats count',
  how_to_implement: 'Install the TA.',
  known_false_positives: 'None known.',
  references: ['https://example.org'],
  drilldown_searches: [{ name: 'a', search: 'b' }],
  tags: {
    mitre_attack_id: ['T1059'],
    confidence: 50,
    impact: 80,
    message: 'm $dest$',
    observable: [],
    risk_score: 40,
    product: ['Splunk Enterprise'],
  },
  tests: [{ name: 't', attack_data: [] }],
};
type Data = Record<string, unknown>;
const edit = (f: (d: Data & typeof base) => void) => {
  const d = structuredClone(base) as Data & typeof base;
  f(d);
  return d;
};

describe('changedFields', () => {
  it.each<[string, (d: Data & typeof base) => void]>([
    ['search', (d) => (d.search = '| tstats count by user')],
    ['search', (d) => (d.definition = 'search *')],
    ['description', (d) => (d.description = 'Finds more.')],
    ['attack', (d) => d.tags.mitre_attack_id.push('T1003')],
    ['attack', (d) => (d.mitre_attack_id = ['T1003'])],
    ['rba', (d) => (d.tags.confidence = 60)],
    ['rba', (d) => (d.tags.impact = 60)],
    ['rba', (d) => (d.tags.risk_score = 60)],
    ['rba', (d) => (d.tags.message = 'other $user$')],
    ['rba', (d) => d.tags.observable.push({ name: 'dest', type: 'Hostname', role: ['Victim'] } as never)],
    ['rba', (d) => (d.rba = { message: 'm', risk_objects: [], threat_objects: [] })],
    ['rba', (d) => (d.finding = { title: 't' })],
    ['status', (d) => (d.status = 'deprecated')],
    ['data sources', (d) => d.data_source.push('Sysmon EventID 3')],
    ['data sources', (d) => (d.data_sources = ['x'])],
    ['drilldowns', (d) => (d.drilldown_searches[0].search = 'c')],
    ['how to implement', (d) => (d.how_to_implement = 'Install it.')],
    ['known false positives', (d) => (d.known_false_positives = 'Admins.')],
    ['references', (d) => d.references.push('https://example.com')],
    ['tests', (d) => (d.tests[0].name = 'u')],
    ['other', (d) => (d.author = 'B')],
    ['other', (d) => d.tags.product.push('Splunk Cloud')],
    ['other', (d) => (d.explanation = 'why')],
  ])('%s', (word, f) => {
    expect(changedFields(base, edit(f))).toEqual([word]);
  });

  it('moved when the path changed, with or without a content change', () => {
    expect(changedFields(base, base, { from: 'detections/endpoint/x.yml', to: 'detections/deprecated/x.yml' })).toEqual(
      ['moved'],
    );
    expect(
      changedFields(
        base,
        edit((d) => (d.status = 'deprecated')),
        { from: 'a.yml', to: 'b.yml' },
      ),
    ).toEqual(['status', 'moved']);
    expect(changedFields(base, base, { from: 'a.yml', to: 'a.yml' })).toEqual([]);
  });

  it('ignores the version and dates, key order, YAML style and the ends of strings', () => {
    expect(
      changedFields(
        base,
        edit((d) =>
          Object.assign(d, {
            version: 2,
            date: '2024-02-02',
            modification_date: '2024-02-02',
            creation_date: '2020-01-01',
          }),
        ),
      ),
    ).toEqual([]);
    const reordered = Object.fromEntries(Object.entries(structuredClone(base)).reverse());
    expect(changedFields(base, reordered)).toEqual([]);
    expect(
      changedFields(
        base,
        edit((d) => (d.search = '| tstats count\n')),
      ),
    ).toEqual([]);
    expect(
      changedFields(
        base,
        edit((d) => (d.description = 'Finds things.\r\n')),
      ),
    ).toEqual([]);
  });

  it('lists several words in vocabulary order, and nothing for a first version', () => {
    const next = edit((d) => {
      d.tests = [];
      d.search = 'x';
      d.tags.mitre_attack_id = [];
    });
    expect(changedFields(base, next)).toEqual(['search', 'attack', 'tests']);
    expect(changedFields(null, base)).toEqual([]);
    expect([...CHANGE_WORDS].sort()).toEqual([...new Set(CHANGE_WORDS)].sort());
  });

  it('compares data deeply: lists in order, a missing key as null', () => {
    expect(same([1, 2], [2, 1])).toBe(false);
    expect(same({ a: null }, {})).toBe(true);
    expect(same({ a: [{ b: 1 }] }, { a: [{ b: 1 }] })).toBe(true);
    expect(same(1, '1')).toBe(false);
  });
});
