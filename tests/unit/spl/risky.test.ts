import { describe, expect, it } from 'vitest';
import {
  describeCommands,
  describeInvisible,
  hasRisks,
  isSensitiveEndpoint,
  MAX_LISTED_INVISIBLE,
  riskyCommands,
  splRisks,
} from '../../../src/domain/spl/risky';

const names = (search: string, fragment = false) => riskyCommands(search, { fragment }).map((c) => c.command);

describe('riskyCommands: each class', () => {
  it.each([
    ['index=main | delete', 'delete'],
    ['| inputlookup x | outputlookup append=t y', 'outputlookup'],
    ['index=main | outputcsv out', 'outputcsv'],
    ['index=main | collect index=summary', 'collect'],
    ['index=main | summaryindex index=summary', 'summaryindex'],
    ['| tstats count | tscollect namespace=foo', 'tscollect'],
    ['| makeresults | mcollect index=m', 'mcollect'],
    ['| makeresults | meventcollect index=m', 'meventcollect'],
    ['index=main | dump basefilename=x', 'dump'],
    ['| dbxquery connection=c query="select 1"', 'dbxquery'],
    ['| makeresults | dbxoutput output=o', 'dbxoutput'],
    ['index=main | sendemail to=a@example.com', 'sendemail'],
    ['index=main | sendalert my_action', 'sendalert'],
    ['| script python foo', 'script'],
    ['| run python foo', 'run'],
    ['| inputlookup hosts | map search="search host=$host$"', 'map'],
  ])('%s → %s', (search, command) => {
    expect(names(search)).toEqual([command]);
  });

  it('matches command names in any case, with any space after the pipe', () => {
    expect(names('index=main |\n\tDELETE')).toEqual(['delete']);
    expect(names('index=main |OutputLookup x')).toEqual(['outputlookup']);
  });

  it('finds commands at the start of a subsearch and after pipes inside one', () => {
    expect(names('index=main [| makeresults | outputlookup x] | stats count')).toEqual(['outputlookup']);
    expect(names('index=main | appendpipe [ delete ]')).toEqual(['delete']);
    expect(names('index=main | join user [search index=x | sendemail to=y]')).toEqual(['sendemail']);
  });

  it("looks inside map's own search", () => {
    expect(names('| makeresults | map search="search index=x | delete"')).toEqual(['map', 'delete']);
    expect(names('| makeresults | map maxsearches=5 search="| outputlookup \\"x\\""')).toEqual(['map', 'outputlookup']);
  });

  it('reports where the command is', () => {
    const s = 'index=main | outputlookup x';
    expect(riskyCommands(s)[0].index).toBe(s.indexOf('outputlookup'));
  });
});

describe('riskyCommands: rest', () => {
  it.each([
    '| rest /services/storage/passwords',
    '| rest /servicesNS/nobody/search/storage/passwords',
    '| rest /servicesNS/-/-/storage/passwords splunk_server=local',
    '| rest splunk_server=local count=0 /services/authentication/users',
    '| rest "/services/configs/conf-authentication"',
    '| rest /services/properties/server',
    '| rest services/authorization/roles',
    '| rest /services/storage%2Fpasswords',
    '| rest https://127.0.0.1:8089/services/admin/passwords',
  ])('%s is flagged', (search) => {
    expect(names(search)).toEqual(['rest']);
  });

  it.each([
    '| rest /services/server/info',
    '| rest /services/data/indexes splunk_server=*',
    '| rest /servicesNS/-/-/saved/searches | search title="storage/passwords"',
    '| rest /services/server/info | eval x="/services/storage/passwords"',
  ])('%s is not', (search) => {
    expect(names(search)).toEqual([]);
  });

  it('isSensitiveEndpoint ignores key=value arguments', () => {
    expect(isSensitiveEndpoint('splunk_server=local/storage/passwords /services/server/info')).toBe(false);
  });
});

describe('riskyCommands: negatives', () => {
  it.each([
    ['a search term at the start of a plain search', 'delete OR outputlookup'],
    ['a field name that starts like a command', 'index=main | stats count as delete_count | where delete_count > 0'],
    ['a command inside a string', 'index=main | eval x="| delete" | where y="[outputlookup z]"'],
    ['a command inside a comment', 'index=main ``` | delete ``` | stats count'],
    ['an argument named like a command', 'index=main | lookup hosts host OUTPUT delete | table map run script'],
    ['a command name used as a field value', 'index=main action=delete | search command="sendemail" | eval run=1'],
    ['a lookup, not outputlookup', '| inputlookup x | lookup y a OUTPUTNEW b'],
    ['a macro named like a command', 'index=main | `delete_macro` | `map`'],
    ['mapping functions and words', 'index=main | eval mapped=mvmap(x, x+1) | rename map as m'],
  ])('%s', (_why, search) => {
    expect(names(search)).toEqual([]);
  });

  it('a macro definition (fragment) counts its first word', () => {
    expect(names('outputlookup x', true)).toEqual(['outputlookup']);
    expect(names('outputlookup x')).toEqual([]);
  });
});

describe('invisible characters', () => {
  it.each([
    ['\u200b', 'U+200B ZERO WIDTH SPACE'],
    ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
    ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
    ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['\u00ad', 'U+00AD SOFT HYPHEN'],
    ['\u2061', 'U+2061'],
    ['\u{e0041}', 'U+E0041'],
    ['\u0007', 'U+0007'],
    ['\u2028', 'U+2028 LINE SEPARATOR'],
  ])('%j is found as %s', (ch, label) => {
    const r = splRisks(`index=main | where user="ad${ch}min"`);
    expect(r.invisible).toEqual([{ index: 27, line: 1, column: 28, label }]);
    expect(hasRisks(r)).toBe(true);
  });

  it('gives line and column (in characters) of each', () => {
    const r = splRisks('index=main\n| eval 😀x="\u202e"\n| where a=1\u200b');
    expect(r.invisible.map((c) => [c.line, c.column])).toEqual([
      [2, 12],
      [3, 12],
    ]);
    expect(describeInvisible(r)).toBe(
      'line 2, column 12 (U+202E RIGHT-TO-LEFT OVERRIDE); line 3, column 12 (U+200B ZERO WIDTH SPACE)',
    );
  });

  it('leaves tabs, line breaks and ordinary non-ASCII text alone', () => {
    expect(splRisks('index=main\t| eval x="é ü 中文 ‑ –"\r\n| stats count').invisibleCount).toBe(0);
  });

  it('counts every one but lists a bounded number, in linear time', () => {
    const s = `index=main ${'\u200b\n'.repeat(200_000)}`;
    const t = Date.now();
    const r = splRisks(s);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r.invisibleCount).toBe(200_000);
    expect(r.invisible).toHaveLength(MAX_LISTED_INVISIBLE);
    expect(r.invisible.at(-1)!.line).toBe(MAX_LISTED_INVISIBLE);
    expect(describeInvisible(r)).toMatch(/and 199997 more$/);
  });
});

describe('splRisks', () => {
  it('lists each command once, first use first, and describes them', () => {
    const r = splRisks('| inputlookup a | outputlookup b | map search="search x" | outputlookup c');
    expect(r.commands.map((c) => c.command)).toEqual(['outputlookup', 'map']);
    expect(describeCommands(r.commands)).toBe(
      'writes to a lookup (outputlookup) and runs another search for each result (map)',
    );
  });

  it('a read-only search has no risks', () => {
    const r = splRisks(
      '| tstats count from datamodel=Endpoint.Processes by Processes.user | `drop_dm_object_name(Processes)` | `x_filter`',
    );
    expect(hasRisks(r)).toBe(false);
  });
});
