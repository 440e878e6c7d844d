import { describe, expect, it } from 'vitest';
import { allSearchesText, appendSearches, macroTrySearch } from '../../../src/domain/spl/try';
import {
  DEFAULT_EARLIEST,
  DEFAULT_LATEST,
  fitsTryUrl,
  formEncodedLength,
  MAX_TRY_QUERY,
} from '../../../src/domain/urls/splunk';
import { storyTry } from '../../../src/views/try';
import { macroTable } from '../../../src/views/detection';
import type { Detection, Macro } from '../../../src/content/model';

const macro = (name: string, definition: string, args: string[] = []) => ({ name, definition, arguments: args });

describe('formEncodedLength', () => {
  it('counts what URLSearchParams writes, for every kind of character', () => {
    const samples = [
      '',
      'index=main sourcetype="x" | stats count by host',
      "a+b&c=d/e?f#g%h'i(j)k*l-m.n_o~p!",
      'tab\tnewline\ncr\r',
      'é ü ß — “quoted” € 中文',
      'emoji 🛡️ and 𝒳',
      'lone \ud800 high, lone \udc00 low, pair \ud83d\ude00, reversed \ude00\ud83d',
      String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)),
    ];
    for (const s of samples) expect(formEncodedLength(s), s).toBe(new URLSearchParams({ q: s }).toString().length - 2);
  });

  it('sizes a Try link to the character', () => {
    const room =
      MAX_TRY_QUERY -
      new URLSearchParams({ q: '', earliest: DEFAULT_EARLIEST, latest: DEFAULT_LATEST }).toString().length;
    expect(fitsTryUrl('a'.repeat(room))).toBe(true);
    expect(fitsTryUrl('a'.repeat(room + 1))).toBe(false);
    // A quote is written as %22: a third of the room.
    expect(fitsTryUrl('"'.repeat(Math.floor(room / 3)))).toBe(true);
    expect(fitsTryUrl('"'.repeat(Math.floor(room / 3) + 1))).toBe(false);
  });
});

describe('macroTrySearch', () => {
  it('runs a macro that selects events, over a few events', () => {
    expect(
      macroTrySearch(
        macro('sysmon', '(sourcetype=XmlWinEventLog source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational")'),
      ),
    ).toBe('`sysmon` | head 100');
    expect(macroTrySearch(macro('k8s', 'index=main sourcetype IN (kube:objects)'))).toBe('`k8s` | head 100');
    expect(macroTrySearch(macro('admins', '| inputlookup admin_users'))).toBe('`admins` | head 100');
  });

  it('offers nothing for filters, time bounds, options, post-processing or arguments', () => {
    for (const def of [
      'search *',
      'user IN (user_names_here)',
      '(Processes.process_name=cmd.exe OR Processes.process_name=powershell.exe)',
      'Processes.source=x',
      '"-70m@m"',
      'summariesonly=false allow_old_summaries=true',
      '| eval x=1',
      'lookup update=true dynamic_dns_providers_default dest_domain as query',
      '',
    ])
      expect(macroTrySearch(macro('m', def)), def).toBeNull();
    expect(macroTrySearch(macro('m', 'index=$idx$', ['idx']))).toBeNull();
  });
});

describe('story searches', () => {
  const items = [
    { name: 'First `one`', search: '`sysmon` EventCode=1 | stats count by host' },
    { name: 'Second "two"', search: '| tstats count from datamodel=Endpoint.Processes by Processes.dest' },
    { name: 'Third', search: 'index=main sourcetype=x' },
  ];

  it('appends each search, a subsearch starting with terms getting `search`, every row marked', () => {
    expect(appendSearches(items)).toBe(
      [
        '`sysmon` EventCode=1 | stats count by host',
        '| eval detection="First `one`"',
        '| append [ | tstats count from datamodel=Endpoint.Processes by Processes.dest',
        '| eval detection="Second \\"two\\"" ]',
        '| append [ search index=main sourcetype=x',
        '| eval detection="Third" ]',
      ].join('\n'),
    );
  });

  it('copies every search after a comment naming its detection, backticks kept out of the comment', () => {
    const text = allSearchesText(items);
    expect(text.split('\n').filter((l) => l.startsWith('```'))).toEqual([
      "```First 'one'```",
      '```Second "two"```',
      '```Third```',
    ]);
    expect(text).toContain(items[1]!.search);
  });

  it('splits a story whose searches pass the URL budget into links that each fit', () => {
    const det = (i: number) =>
      ({
        name: `Detection ${i}`,
        status: 'production',
        search: `\`m\` EventCode=${i} ${'x'.repeat(900)} | stats count by host`,
      }) as unknown as Detection;
    const dets = Array.from({ length: 20 }, (_, i) => det(i));
    const t = storyTry(dets, macroTable([{ name: 'm', definition: 'index=main', arguments: [] } as unknown as Macro]));
    expect(t.parts.length).toBeGreaterThan(1);
    expect(t.parts.flatMap((p) => p.names)).toEqual(dets.map((d) => d.name));
    const linkLength = (q: string) =>
      new URLSearchParams({ q, earliest: DEFAULT_EARLIEST, latest: DEFAULT_LATEST }).toString().length;
    for (const [i, p] of t.parts.entries()) {
      expect(linkLength(p.variants.raw)).toBeLessThanOrEqual(MAX_TRY_QUERY);
      expect(linkLength(p.variants.expanded)).toBeLessThanOrEqual(MAX_TRY_QUERY);
      expect(p.variants.expanded).not.toContain('`m`');
      // Filled: one more search would not have fitted.
      const next = t.parts[i + 1];
      if (next) {
        const names = [...p.names, next.names[0]!];
        const more = appendSearches(names.map((name) => ({ name, search: dets.find((d) => d.name === name)!.search })));
        expect(linkLength(more)).toBeGreaterThan(MAX_TRY_QUERY);
      }
    }
    expect(t.searchCount).toBe(20);
    expect(t.allSearches!.match(/^```Detection \d+```$/gm)).toHaveLength(20);
    expect(MAX_TRY_QUERY).toBeLessThan(8190);
  });

  it('leaves deprecated detections out, and runs none that writes or deletes', () => {
    const t = storyTry(
      [
        { name: 'Live', status: 'production', search: 'index=main | stats count' },
        { name: 'Old', status: 'deprecated', search: 'index=old' },
        { name: 'Writer', status: 'production', search: 'index=main | outputlookup x.csv' },
      ] as unknown as Detection[],
      macroTable([]),
    );
    expect(t.parts.map((p) => p.names)).toEqual([['Live']]);
    expect(t.leftOut).toEqual(['Writer']);
    expect(t.allSearches).toContain('```Writer```');
    expect(t.allSearches).not.toContain('Old');
  });
});
