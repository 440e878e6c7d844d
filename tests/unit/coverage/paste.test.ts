import { describe, expect, it } from 'vitest';
import { itemLabel, matchPaste, parsePaste } from '../../../src/domain/coverage/paste';
import { data, det, ds } from './fixture';

const values = (text: string) => parsePaste(text).items.map(itemLabel);

describe('parsePaste', () => {
  it('reads one sourcetype per line', () => {
    expect(values('xmlwineventlog\naws:cloudtrail\n')).toEqual(['xmlwineventlog', 'aws:cloudtrail']);
  });

  it('reads Windows line endings and drops blank lines and repeats', () => {
    expect(values('xmlwineventlog\r\n\r\naws:cloudtrail\r\nxmlwineventlog\r\n')).toEqual([
      'xmlwineventlog',
      'aws:cloudtrail',
    ]);
  });

  it('reads the table of | metadata type=sourcetypes as copied from Splunk Web (tabs)', () => {
    const text = [
      'firstTime\tlastTime\trecentTime\tsourcetype\ttotalCount\ttype',
      '1700000000\t1700100000\t1700100001\tXmlWinEventLog\t123456\tsourcetypes',
      '1700000000\t1700100000\t1700100001\tstash\t12\tsourcetypes',
    ].join('\n');
    const { items } = parsePaste(text);
    expect(items.map(itemLabel)).toEqual(['XmlWinEventLog', 'stash']);
    expect(items.every((i) => !i.either && i.source === null)).toBe(true);
  });

  it('reads the | tstats … by sourcetype table as space-aligned text, with the search and a footer around it', () => {
    const text = [
      '| tstats count where index=* by sourcetype',
      'sourcetype                 count',
      'aws:cloudtrail             48,512',
      'o365:management:activity   1,024',
      'Showing 1-2 of 2 results',
    ].join('\n');
    const p = parsePaste(text);
    expect(p.items.map(itemLabel)).toEqual(['aws:cloudtrail', 'o365:management:activity']);
    expect(p.ignored).toEqual(['| tstats count where index=* by sourcetype', 'Showing 1-2 of 2 results']);
  });

  it('reads quoted CSV with sourcetype and source pairs, a quoted comma and a doubled quote', () => {
    const text = [
      '"sourcetype","source","count"',
      '"xmlwineventlog","XmlWinEventLog:Microsoft-Windows-Sysmon/Operational","10"',
      '"WinEventLog","WinEventLog:Microsoft-Windows-Windows Defender/Operational","3"',
      '"bad ""quoted"", value","x","1"',
    ].join('\r\n');
    const { items, ignored } = parsePaste(text);
    expect(items).toEqual([
      { sourcetype: 'xmlwineventlog', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', either: false },
      {
        sourcetype: 'WinEventLog',
        source: 'WinEventLog:Microsoft-Windows-Windows Defender/Operational',
        either: false,
      },
      { sourcetype: null, source: 'x', either: false },
    ]);
    expect(ignored).toEqual([]);
  });

  it('reads unquoted CSV without a header, taking the one value that looks like a sourcetype', () => {
    expect(values('aws:cloudtrail,48512\nlinux_secure,12\n')).toEqual(['aws:cloudtrail', 'linux_secure']);
  });

  it('reads a |-bordered table', () => {
    expect(values('| sourcetype | count |\n| --- | --- |\n| suricata | 4 |')).toEqual(['suricata']);
  });

  it('ignores junk: numbers, dates, separators, sentences, field=value text, a BOM', () => {
    const p = parsePaste(
      '\uFEFF12345\n2024-01-02 10:00:00\n-----\nno results found here\nindex=main\nfoo="bar"\nsuricata',
    );
    expect(p.items.map(itemLabel)).toEqual(['suricata']);
    expect(p.ignored).toHaveLength(6);
  });

  it('caps what it reads', () => {
    const big = Array.from({ length: 30_000 }, (_, i) => `st${i}`).join('\n');
    expect(parsePaste(big).items.length).toBe(20_000);
  });
});

describe('matchPaste', () => {
  const sysmon1 = ds('Sysmon EventID 1', {
    sourcetype: 'xmlwineventlog',
    source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
  });
  const sec4688 = ds('Windows Event Log Security 4688', {
    sourcetype: 'xmlwineventlog',
    source: 'XmlWinEventLog:Security',
  });
  const trail = ds('AWS CloudTrail', { sourcetype: 'aws:cloudtrail', source: 'aws_cloudtrail' });
  const d = data([det('x', ['Sysmon EventID 1'])], [sysmon1, sec4688, trail]);
  const names = (text: string) => {
    const m = matchPaste(d, parsePaste(text).items);
    return {
      matched: m.matched.map((x) => x.sources.map((i) => d.sources.name[i])),
      unmatched: m.unmatched.map(itemLabel),
    };
  };

  it('matches a bare sourcetype to every data source with it, without case', () => {
    expect(names('XmlWinEventLog\nstash')).toEqual({
      matched: [['Sysmon EventID 1', 'Windows Event Log Security 4688']],
      unmatched: ['stash'],
    });
  });

  it('matches a bare value by source too', () => {
    expect(names('aws_cloudtrail').matched).toEqual([['AWS CloudTrail']]);
  });

  it('needs both fields of a sourcetype and source pair, and reads WinEventLog as XmlWinEventLog', () => {
    expect(names('sourcetype,source\nWinEventLog,WinEventLog:Security\nxmlwineventlog,XmlWinEventLog:System')).toEqual({
      matched: [['Windows Event Log Security 4688']],
      unmatched: ['xmlwineventlog · XmlWinEventLog:System'],
    });
  });

  it('matches a source column alone on the source only', () => {
    expect(names('source\nXmlWinEventLog:Security\nnothing').matched).toEqual([['Windows Event Log Security 4688']]);
  });
});
