import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatSearch, splitPipes } from '../../../src/domain/spl/format';
import {
  deriveDataModels,
  findDataModels,
  findLookups,
  findMacroCalls,
  findMlModels,
  findTokens,
  isExternalMacro,
  stripComments,
} from '../../../src/domain/spl/analyze';
import { expandMacros } from '../../../src/domain/spl/expand';
import { SEARCHES } from './searches';

const nonSpace = (s: string) => s.replace(/\s+/g, '');

describe('formatSearch', () => {
  it('puts one pipe per line', () => {
    expect(formatSearch(SEARCHES.statsBy)).toBe(
      '`okta`\n| stats dc(src) as sources values(src) as src count by user\n| where sources > 3',
    );
  });

  it('keeps a generating search on the first line', () => {
    expect(formatSearch(SEARCHES.inputlookup).split('\n')[0]).toBe(
      '| inputlookup append=true previously_seen_cloud_logins',
    );
  });

  it('never splits inside quotes, subsearches, macros or comments', () => {
    expect(splitPipes(SEARCHES.quotedPipe)).toHaveLength(2);
    expect(splitPipes(SEARCHES.subsearch)).toEqual([
      '`sysmon` EventCode=3 [| inputlookup known_c2_addresses | rename ip as DestinationIp | fields DestinationIp]',
      '| stats count by dest DestinationIp',
    ]);
    expect(splitPipes(SEARCHES.nestedSubsearch)).toHaveLength(2);
    expect(splitPipes(SEARCHES.comment)).toHaveLength(2);
    expect(splitPipes(SEARCHES.evalNested)).toHaveLength(3);
  });

  it('splits a long command before its top-level from, where and by clauses, and a long clause before OR', () => {
    const tstats =
      '| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name="nslookup.exe" Processes.process="*-querytype=*" OR Processes.process="*-qt=*" OR Processes.process="*-retry=*" by Processes.dest Processes.user | `drop_dm_object_name(Processes)`';
    expect(formatSearch(tstats).split('\n')).toEqual([
      '| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) as lastTime',
      '    from datamodel=Endpoint.Processes',
      '    where Processes.process_name="nslookup.exe" Processes.process="*-querytype=*"',
      '        OR Processes.process="*-qt=*"',
      '        OR Processes.process="*-retry=*"',
      '    by Processes.dest Processes.user',
      '| `drop_dm_object_name(Processes)`',
    ]);
  });

  it('leaves short lines, a command’s own word, strings, brackets and the author’s line breaks alone', () => {
    expect(formatSearch('| stats count by host')).toBe('| stats count by host');
    const where = `| where ${'a'.repeat(50)}="x where y by z" AND ${'b'.repeat(40)}=1`;
    expect(formatSearch(where)).toBe(where);
    const sub = `index=x [search index=y ${'c'.repeat(60)} by host | fields host] | stats count`;
    expect(formatSearch(sub).split('\n')[0]).toBe(sub.split(' | stats')[0]);
    const authored = `index=x ${'d'.repeat(60)}\n  where a=1 by b and more text to pass the length`;
    expect(formatSearch(authored)).toBe(authored);
  });

  it('does not treat || as a pipe', () => {
    expect(splitPipes('x | eval a=b || c | table a')).toHaveLength(3);
  });

  it('is idempotent and keeps every non-space character in order', () => {
    for (const s of Object.values(SEARCHES)) {
      const once = formatSearch(s);
      expect(formatSearch(once)).toBe(once);
      expect(nonSpace(once)).toBe(nonSpace(s));
    }
  });

  const corpus = join(process.cwd(), '..', 'shared', 'corpus', 'security_content', 'detections');
  it.skipIf(!existsSync(corpus))('keeps every character of every corpus search (needs ../shared)', () => {
    let n = 0;
    for (const folder of readdirSync(corpus)) {
      for (const f of readdirSync(join(corpus, folder))) {
        const text = readFileSync(join(corpus, folder, f), 'utf8');
        const { search } = parse(text.replace(/^(\w+: ['"].*)$/gm, '$1'), { strict: false, logLevel: 'silent' }) ?? {};
        if (typeof search !== 'string') continue;
        const out = formatSearch(search);
        expect(nonSpace(out), f).toBe(nonSpace(search.replace(/\n$/, '')));
        expect(formatSearch(out), f).toBe(out);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1600);
  });
});

describe('findMacroCalls', () => {
  it('finds calls with their arguments, in order', () => {
    expect(findMacroCalls(SEARCHES.tstatsProcesses).map((c) => [c.name, c.args])).toEqual([
      ['security_content_summariesonly', []],
      ['drop_dm_object_name', ['Processes']],
      ['security_content_ctime', ['firstTime']],
      ['certutil_download_filter', []],
    ]);
    expect(findMacroCalls(SEARCHES.macroArgsTwo)[0].args).toEqual(['src_ip', '1h']);
  });

  it('ignores macros inside ``` comments ```', () => {
    expect(findMacroCalls(SEARCHES.comment).map((c) => c.name)).toEqual(['sysmon']);
    expect(stripComments(SEARCHES.comment)).not.toContain('count_in_window');
  });

  it('skips backtick text with spaces (not a macro call for contentctl)', () => {
    expect(findMacroCalls('a `not a macro` b `real`').map((c) => c.name)).toEqual(['real']);
  });

  it('knows macros supplied by other apps, by substring', () => {
    expect(isExternalMacro('drop_dm_object_name')).toBe(true);
    expect(isExternalMacro('get_asset_info')).toBe(true);
    expect(isExternalMacro('sysmon')).toBe(false);
  });
});

describe('findLookups', () => {
  it('finds inputlookup with options, outputlookup with key=value, lookup with local=', () => {
    expect(findLookups(SEARCHES.inputlookup)).toEqual(['previously_seen_cloud_logins']);
    expect(findLookups(SEARCHES.outputlookup)).toEqual(['seen_instance_launches']);
    expect(findLookups(SEARCHES.lookupLocal)).toEqual(['suspicious_shells']);
  });

  it('ignores lookups supplied by Enterprise Security', () => {
    expect(findLookups(SEARCHES.lookupEs)).toEqual([]);
  });

  it('finds lookups inside subsearches', () => {
    expect(findLookups(SEARCHES.subsearch)).toEqual(['known_c2_addresses']);
  });

  it('finds ML models applied', () => {
    expect(findMlModels(SEARCHES.apply)).toEqual(['command_line_length_model']);
  });
});

describe('data models', () => {
  it('finds explicit data models in every form', () => {
    expect(findDataModels(SEARCHES.tstatsProcesses)).toEqual([{ model: 'Endpoint', dataset: 'Processes' }]);
    expect(findDataModels(SEARCHES.fromDatamodelRisk)).toEqual([{ model: 'Risk', dataset: 'All_Risk' }]);
    expect(findDataModels(SEARCHES.fromDatamodelColon)).toEqual([{ model: 'Web', dataset: 'Web' }]);
    expect(findDataModels(SEARCHES.datamodelCommand)).toEqual([
      { model: 'Authentication', dataset: 'Failed_Authentication' },
    ]);
  });

  it("derives data models with contentctl's substring rule", () => {
    expect(deriveDataModels(SEARCHES.tstatsNetwork)).toEqual(['Network_Traffic']);
    expect(deriveDataModels('Change_Analysis')).toEqual(['Change', 'Change_Analysis']);
  });
});

describe('findTokens', () => {
  it('finds $tokens$ with dots and braces, unique, time tokens excluded', () => {
    expect(findTokens('$user$ on $dest$ by $user$ at $info_min_time$')).toEqual(['user', 'dest']);
    expect(findTokens('$userIdentity.arn$ $destination{}.address$')).toEqual([
      'userIdentity.arn',
      'destination{}.address',
    ]);
    expect(findTokens('$info_max_time$', { includeTime: true })).toEqual(['info_max_time']);
  });
});

describe('expandMacros', () => {
  const macros = new Map([
    ['sysmon', { definition: 'sourcetype=sysmon', arguments: [] }],
    ['ctime', { definition: 'convert ctime($field$)', arguments: ['field'] }],
    ['window', { definition: 'bin _time span=$span$ | stats count by $field$', arguments: ['field', 'span'] }],
    ['outer', { definition: '`sysmon` EventCode=1', arguments: [] }],
    ['loop_a', { definition: '`loop_b`', arguments: [] }],
    ['loop_b', { definition: '`loop_a`', arguments: [] }],
    ['known_filter', { definition: 'search NOT user=svc', arguments: [] }],
  ]);

  it('substitutes arguments by name', () => {
    expect(expandMacros('x | `ctime(firstTime)` | `window(src,1h)`', macros, { filter: 'keep' }).search).toBe(
      'x | convert ctime(firstTime) | bin _time span=1h | stats count by src',
    );
  });

  it('expands macros inside definitions', () => {
    expect(expandMacros('`outer` | stats count', macros, { filter: 'keep' }).search).toBe(
      'sourcetype=sysmon EventCode=1 | stats count',
    );
  });

  it('stops on cycles and leaves unknown macros as written', () => {
    const r = expandMacros('`loop_a` | `drop_dm_object_name(Processes)`', macros, { filter: 'keep' });
    expect(r.search).toContain('`drop_dm_object_name(Processes)`');
    expect(r.search).toContain('`loop_a`');
    expect(r.unknown).toEqual(['drop_dm_object_name']);
  });

  it('matches the argument count, as Splunk keys macros by name(n)', () => {
    expect(expandMacros('`ctime` | `ctime(a,b)`', macros, { filter: 'keep' }).search).toBe('`ctime` | `ctime(a,b)`');
  });

  it('removes filter macros with their pipe, or keeps them', () => {
    expect(expandMacros('`sysmon` | stats count | `x_filter`', macros, { filter: 'remove' }).search).toBe(
      'sourcetype=sysmon | stats count',
    );
    expect(expandMacros('`sysmon` | `known_filter` | stats count', macros, { filter: 'remove' }).search).toBe(
      'sourcetype=sysmon | stats count',
    );
    expect(expandMacros('`sysmon` | `known_filter`', macros, { filter: 'keep' }).search).toBe(
      'sourcetype=sysmon | search NOT user=svc',
    );
    expect(expandMacros('`sysmon` | `x_filter`', macros, { filter: 'keep' }).search).toBe(
      'sourcetype=sysmon | `x_filter`',
    );
  });

  it('leaves macros in comments alone', () => {
    expect(expandMacros('```see `sysmon` ``` `sysmon`', macros, { filter: 'keep' }).search).toBe(
      '```see `sysmon` ``` sourcetype=sysmon',
    );
  });
});
