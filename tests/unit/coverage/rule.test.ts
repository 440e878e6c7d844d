import { describe, expect, it } from 'vitest';
import {
  coverageCounts,
  haveMask,
  runnableStates,
  RUNNABLE,
  NOT_RUNNABLE,
  UNKNOWN,
  techniqueCoverage,
} from '../../../src/domain/coverage/rule';
import { neededEntries, rankOnboarding } from '../../../src/domain/coverage/onboard';
import { idKey, keyWords, sourceGroup } from '../../../src/domain/coverage/data';
import { data, det, ds, sourceIndex } from './fixture';

const A = ds('A');
const B = ds('B', { supportedTa: [{ name: 'Splunk Add-on for Sysmon', url: null, version: null }] });
const C = ds('C');
const D = ds('D');
const sources = [A, B, C, D];

function states(dets: ReturnType<typeof det>[], have: string[]) {
  const d = data(dets, sources);
  const mask = haveMask(d, sourceIndex(d, ...have));
  return { d, mask, states: runnableStates(d, mask) };
}

describe('the runnable rule', () => {
  it('one satisfied entry is enough', () => {
    expect([...states([det('x', ['A', 'B'])], ['B']).states]).toEqual([RUNNABLE]);
  });

  it('an A AND B entry needs every part', () => {
    expect([...states([det('x', ['A AND B'])], ['A']).states]).toEqual([NOT_RUNNABLE]);
    expect([...states([det('x', ['A AND B'])], ['A', 'B']).states]).toEqual([RUNNABLE]);
  });

  it('an entry naming an unknown data source is never satisfied', () => {
    expect([...states([det('x', ['A AND Nowhere'])], ['A', 'B', 'C', 'D']).states]).toEqual([NOT_RUNNABLE]);
  });

  it('a detection naming no data source is unknown, and counted apart', () => {
    const s = states([det('x', []), det('y', ['A']), det('z', ['B'], { status: 'experimental' })], ['A']);
    expect([...s.states]).toEqual([UNKNOWN, RUNNABLE, NOT_RUNNABLE]);
    expect(coverageCounts(s.d, s.states)).toEqual({
      runnable: 1,
      notRunnable: 1,
      unknown: 1,
      production: { runnable: 1, notRunnable: 0, unknown: 1 },
    });
  });

  it('rolls technique coverage up to the parent, runnable beside catalog', () => {
    const s = states(
      [det('x', ['A'], { mitreIds: ['T1059.001'] }), det('y', ['B'], { mitreIds: ['T1059', 'T1003'] })],
      ['A'],
    );
    const cov = techniqueCoverage(s.d, s.states);
    expect(cov.get('T1059')).toEqual([1, 2]);
    expect(cov.get('T1059.001')).toEqual([1, 1]);
    expect(cov.get('T1003')).toEqual([0, 1]);
  });
});

describe('rankOnboarding', () => {
  it('ranks by production detections made runnable, ties by name, leaving out what is runnable or has no gain', () => {
    const s = states(
      [
        det('runs already', ['A', 'C']),
        det('c1', ['C'], { mitreIds: ['T1003'] }),
        det('c2', ['C AND A'], { mitreIds: ['T1059'] }),
        det('b1', ['B'], { mitreIds: ['T1059'] }),
        det('d1', ['D']),
        det('d-experimental', ['D'], { status: 'experimental' }),
        det('needs two', ['B AND D']),
      ],
      ['A'],
    );
    const r = rankOnboarding(s.d, s.mask, s.states);
    expect(r.map((x) => [s.d.sources.name[x.source], x.gain])).toEqual([
      ['C', 2],
      ['B', 1],
      ['D', 1],
    ]);
    expect(r[0].techniques).toEqual(['T1003', 'T1059']);
  });

  it('does not list techniques already covered by a runnable detection', () => {
    const s = states(
      [det('a', ['A'], { mitreIds: ['T1003'] }), det('c', ['C'], { mitreIds: ['T1003', 'T1005'] })],
      ['A'],
    );
    expect(rankOnboarding(s.d, s.mask, s.states)[0].techniques).toEqual(['T1005']);
  });

  it('lists what a story waits for, entries missing fewest parts first', () => {
    const s = states([det('x', ['B AND C', 'D']), det('y', ['D']), det('z', ['A'])], ['A']);
    const need = neededEntries(s.d, s.mask, s.states, [0, 1, 2]);
    expect(need.map((e) => [e.parts.map((i) => s.d.sources.name[i]).join(' AND '), e.gain])).toEqual([
      ['D', 2],
      ['B AND C', 1],
    ]);
  });
});

describe('the data file', () => {
  it('keys ids by a hash that ignores case and tells near-identical ids apart', () => {
    const a = 'c9f4b923-f8af-4155-b697-1354f5dcbc5e';
    const b = 'c9f4b923-f8af-4155-b697-1354f5bcbc5e';
    expect(idKey(a, 1)).toBe(idKey(a.toUpperCase(), 1));
    expect(idKey(a, 1)).not.toBe(idKey(b, 1));
    expect(idKey(a, 2)).toHaveLength(14);
    expect(keyWords([a, b, a.toUpperCase()])).toBe(1);
  });

  it('groups a data source by its add-on, without the "Splunk Add-on for" prefix', () => {
    expect(sourceGroup(B)).toBe('Sysmon');
    expect(sourceGroup(A)).toBe('Other');
  });

  it('keeps AND entries as parts and counts each source once per detection', () => {
    const d = data([det('x', ['A AND B', 'A'])], sources);
    const [a, b] = sourceIndex(d, 'A', 'B');
    expect(d.detections.entries[0]).toEqual([[a, b], [a]]);
    expect(d.sources.n[a]).toBe(1);
  });
});
