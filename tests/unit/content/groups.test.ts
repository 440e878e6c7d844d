import { describe, expect, it } from 'vitest';
import { groupBy, storyDataGroup } from '../../../src/domain/catalog/groups';
import { firstSentence } from '../../../src/lib/text/rich';

describe('groupBy', () => {
  it('lists an item in each group it names, largest group first, the catch-all last', () => {
    const items = [
      { n: 'a', k: ['Malware'] },
      { n: 'b', k: ['Cloud Security', 'Malware'] },
      { n: 'c', k: [] },
      { n: 'd', k: ['Cloud Security'] },
      { n: 'e', k: ['Abuse', ' Abuse '] },
    ];
    const g = groupBy(items, (x) => x.k, 'Uncategorized');
    expect(g.map((x) => [x.name, x.items.map((i) => i.n)])).toEqual([
      ['Cloud Security', ['b', 'd']],
      ['Malware', ['a', 'b']],
      ['Abuse', ['e']],
      ['Uncategorized', ['c']],
    ]);
  });
});

describe('storyDataGroup', () => {
  const ds = new Map([
    ['Sysmon EventID 1', { supportedTa: [{ name: 'Splunk Add-on for Sysmon', url: null, version: null }] }],
    ['Sysmon EventID 3', { supportedTa: [{ name: 'Splunk Add-on for Sysmon', url: null, version: null }] }],
    ['CloudTrail', { supportedTa: [{ name: 'Splunk Add-on for AWS', url: null, version: null }] }],
    ['Bare', { supportedTa: [] }],
  ]);

  it('names the vendor most of the detections read, a detection counting once', () => {
    expect(
      storyDataGroup(
        [
          { dataSources: ['Sysmon EventID 1', 'Sysmon EventID 3'] },
          { dataSources: ['CloudTrail'] },
          { dataSources: ['CloudTrail'] },
        ],
        ds,
      ),
    ).toBe('AWS');
  });

  it('breaks a tie by name, and is null when no detection reads a known add-on', () => {
    expect(storyDataGroup([{ dataSources: ['Sysmon EventID 1'] }, { dataSources: ['CloudTrail'] }], ds)).toBe('AWS');
    expect(storyDataGroup([{ dataSources: ['Bare', 'Unknown'] }], ds)).toBeNull();
  });
});

describe('firstSentence', () => {
  it('ends at the first full stop followed by a new sentence', () => {
    expect(firstSentence('Detects a thing. Then more text follows.')).toBe('Detects a thing.');
    expect(firstSentence('One sentence only')).toBe('One sentence only');
  });

  it('does not end at abbreviations, file names or versions', () => {
    expect(firstSentence('Looks for e.g. Mimikatz and rundll32.exe v1.2 use. Second.')).toBe(
      'Looks for e.g. Mimikatz and rundll32.exe v1.2 use.',
    );
    expect(firstSentence('Attacks on the U.S. Government networks. More.')).toBe(
      'Attacks on the U.S. Government networks.',
    );
  });

  it('cuts a long first sentence', () => {
    const s = firstSentence(`${'word '.repeat(100)}end. Next.`, 50);
    expect(s.length).toBeLessThanOrEqual(51);
    expect(s.endsWith('…')).toBe(true);
  });
});
