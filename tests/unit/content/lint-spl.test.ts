import { describe, expect, it } from 'vitest';
import { lintRiskySpl } from '../../../src/domain/lint/lint-spl';

/** A minimal catalog: only what the risky-SPL lint reads of each kind. */
function catalog(parts: { baseline?: string; investigation?: string; macro?: string; drilldown?: string }) {
  const owner = (kind: string, search: string) => ({ filePath: `${kind}/x.yml`, name: `${kind} x`, id: `${kind}-id`, search });
  return {
    detections: parts.drilldown === undefined ? [] : [{ ...owner('detections', '| tstats count from datamodel=Endpoint.Processes'), drilldowns: [{ search: '| stats count' }, { search: parts.drilldown }] }],
    baselines: parts.baseline === undefined ? [] : [owner('baselines', parts.baseline)],
    investigations: parts.investigation === undefined ? [] : [owner('investigations', parts.investigation)],
    macros: parts.macro === undefined ? [] : [{ filePath: 'macros/x.yml', name: 'x', definition: parts.macro }],
  } as unknown as Parameters<typeof lintRiskySpl>[0];
}

describe('risky SPL lint over every kind that holds a search', () => {
  it('warns on a baseline that writes a lookup, naming the command and its field', () => {
    const [w, ...rest] = lintRiskySpl(catalog({ baseline: '| tstats count by user | outputlookup users_baseline.csv' }));
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ severity: 'warning', code: 'risky-spl', file: 'baselines/x.yml', field: 'search', entry: { kind: 'baseline' } });
    expect(w.message).toContain('outputlookup');
  });

  it('warns on an investigation reading credentials over REST, a drilldown that mails, a macro that deletes', () => {
    const got = lintRiskySpl(catalog({ investigation: '| rest /services/storage/passwords', drilldown: '| sendemail to=a@example.org', macro: 'delete' }));
    expect(got.map((p) => `${p.file} ${p.field} ${p.code}`)).toEqual([
      'detections/x.yml drilldown_searches[1].search risky-spl',
      'investigations/x.yml search risky-spl',
      'macros/x.yml definition risky-spl',
    ]);
  });

  it('flags invisible characters in a baseline and stays silent on plain searches', () => {
    expect(lintRiskySpl(catalog({ baseline: 'index=main user="adm\u202Enimda"' })).map((p) => p.code)).toEqual(['invisible-in-search']);
    expect(lintRiskySpl(catalog({ baseline: '| tstats count by user | stats count', investigation: '| rest /services/server/info', macro: 'sourcetype=x' }))).toEqual([]);
  });
});
