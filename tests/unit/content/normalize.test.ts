import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectGeneration, parseDetection } from '../../../src/content/schemas/detection';
import type { Detection } from '../../../src/content/model';
import { ESCU6_DETECTION, NEW_DETECTION, OLD_DETECTION } from './samples';

const source = { filePath: 'detections/cloud/sample_shell_in_container.yml', folder: 'cloud', raw: '' };

function parseOk(text: string): Detection {
  const r = parseDetection(parse(text), { ...source, raw: text });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** The fields every generation must agree on when they describe the same detection. */
function comparable(d: Detection) {
  const { generation, raw, created, requiredFields, rba, tests, ...rest } = d;
  return {
    ...rest,
    tests: tests.map(({ testType, ...t }) => t),
    rba: rba && { message: rba.message, risk: rba.riskObjects.map((r) => [r.field, r.type, r.score]), threat: rba.threatObjects },
  };
}

describe('detection generations', () => {
  it('detects each generation from the file itself', () => {
    expect(detectGeneration(parse(OLD_DETECTION))).toBe('2024');
    expect(detectGeneration(parse(NEW_DETECTION))).toBe('contentctl5');
    expect(detectGeneration(parse(ESCU6_DETECTION))).toBe('escu6');
  });

  it('normalizes all three generations into the same model', () => {
    const old = parseOk(OLD_DETECTION);
    const neu = parseOk(NEW_DETECTION);
    const escu = parseOk(ESCU6_DETECTION);
    expect(comparable(neu)).toEqual(comparable(old));
    expect(comparable(escu)).toEqual(comparable(old));
    expect(old.generation).toBe('2024');
    expect(neu.generation).toBe('contentctl5');
    expect(escu.generation).toBe('escu6');
  });

  it('keeps folder, path and raw text', () => {
    const d = parseOk(OLD_DETECTION);
    expect(d.folder).toBe('cloud');
    expect(d.filePath).toBe('detections/cloud/sample_shell_in_container.yml');
    expect(d.raw).toBe(OLD_DETECTION);
  });

  it('computes the 2024 score as round(confidence × impact / 100) and maps observables', () => {
    const d = parseOk(OLD_DETECTION);
    expect(d.riskScore).toBe(49);
    expect(d.severity).toBe('medium');
    expect(d.rba?.legacy).toMatchObject({ confidence: 70, impact: 70, quotient: 49, declaredRiskScore: 49 });
    expect(d.rba?.riskObjects).toEqual([{ field: 'user', type: 'user', score: 49, observableType: 'User' }]);
  });

  it('maps attacker observables to threat objects and Hostname to system (contentctl 4.4.1 rules)', () => {
    const text = OLD_DETECTION.replace(
      / {2}observable:\n[\s\S]*? {2}product:/,
      `  observable:
  - name: dest
    type: Hostname
    role:
    - Victim
  - name: process_name
    type: Process Name
    role:
    - Attacker
  - name: src_user
    type: User Name
    role:
    - Victim
  product:`,
    );
    const d = parseOk(text);
    expect(d.rba?.riskObjects.map((r) => [r.field, r.type])).toEqual([['dest', 'system'], ['src_user', 'other']]);
    expect(d.rba?.threatObjects).toEqual([{ field: 'process_name', type: 'process', observableType: 'Process Name', legacy: false }]);
  });

  it('rounds a non-whole quotient half to even like Python', () => {
    const d = parseOk(OLD_DETECTION.replace('confidence: 70', 'confidence: 75').replace('impact: 70', 'impact: 75'));
    expect(d.rba?.legacy?.quotient).toBe(56.25);
    expect(d.riskScore).toBe(56);
  });

  it('takes the highest risk-object score in the contentctl-5 format', () => {
    const d = parseOk(NEW_DETECTION.replace('  threat_objects: []', '  - field: dest\n    type: system\n    score: 72\n  threat_objects: []'));
    expect(d.riskScore).toBe(72);
    expect(d.severity).toBe('high');
  });

  it('uses ESCU-6 creation and modification dates', () => {
    const d = parseOk(ESCU6_DETECTION);
    expect(d.created).toBe('2023-01-10');
    expect(d.date).toBe('2024-09-30');
    expect(d.tests[0].testType).toBe('unit');
  });

  it('splits A AND B data sources and merges the legacy data_sources key', () => {
    const d = parseOk(OLD_DETECTION.replace('- Sample Falco\nsearch', '- Sample Falco AND Sysmon EventID 1\ndata_sources:\n- Extra Source\nsearch'));
    expect(d.dataSources).toEqual(['Sample Falco', 'Sysmon EventID 1', 'Extra Source']);
  });

  it('folds the upper-case CVE tag into cves and de-duplicates stories', () => {
    const d = parseOk(
      OLD_DETECTION.replace('  - Sample Story\n', '  - Sample Story\n  - Sample Story\n').replace('  asset_type:', '  CVE:\n  - cve-2021-44228\n  asset_type:'),
    );
    expect(d.cves).toEqual(['CVE-2021-44228']);
    expect(d.stories).toEqual(['Sample Story']);
  });

  it('lower-cases upper-case UUIDs so URLs are stable', () => {
    const d = parseOk(OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', '0B9F3C1E-5D2A-4C8E-9F61-2A7D3E4B5C60'));
    expect(d.id).toBe('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60');
  });

  it('derives NIST and CIS as contentctl does', () => {
    const d = parseOk(OLD_DETECTION);
    expect(d.nist).toEqual(['DE.AE']);
    expect(d.cis20).toEqual(['CIS 13']);
    const ttp = parseOk(OLD_DETECTION.replace('type: Anomaly', 'type: TTP').replace('security_domain: network', 'security_domain: endpoint'));
    expect(ttp.nist).toEqual(['DE.CM']);
    expect(ttp.cis20).toEqual(['CIS 10']);
  });

  it('strips the trailing newline of a block-scalar search', () => {
    expect(parseOk(NEW_DETECTION).search.endsWith('`')).toBe(true);
  });
});

describe('detection schema errors', () => {
  const issues = (text: string) => {
    const r = parseDetection(parse(text), source);
    return r.ok ? [] : r.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('reports a missing search', () => {
    expect(issues(OLD_DETECTION.replace(/^search: .*\n/m, ''))).toContainEqual({ path: 'search', message: 'required search is missing' });
  });

  it('reports an invalid UUID', () => {
    expect(issues(OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', 'not-a-uuid'))[0]).toMatchObject({ path: 'id' });
  });

  it('reports an invalid date', () => {
    expect(issues(OLD_DETECTION.replace("date: '2024-09-30'", "date: '2024-02-30'"))[0]).toMatchObject({ path: 'date' });
  });

  it('reports a wrong-typed version', () => {
    expect(issues(OLD_DETECTION.replace('version: 3', 'version: three'))[0]).toMatchObject({ path: 'version', message: 'expected a whole number' });
  });

  it('reports an unknown type', () => {
    expect(issues(OLD_DETECTION.replace('type: Anomaly', 'type: Baseline'))[0]).toMatchObject({ path: 'type' });
  });

  it('reports confidence out of range', () => {
    expect(issues(OLD_DETECTION.replace('confidence: 70', 'confidence: 170'))[0]).toMatchObject({ path: 'tags.confidence' });
  });

  it('reports a list given as a string', () => {
    expect(issues(NEW_DETECTION.replace('  analytic_story:\n  - Sample Story', '  analytic_story: Sample Story'))[0]).toMatchObject({
      path: 'tags.analytic_story',
    });
  });

  it('ignores unknown keys instead of failing', () => {
    expect(issues(OLD_DETECTION.replace('version: 3', 'version: 3\nsome_future_key: [1, 2]'))).toEqual([]);
  });
});
