import { describe, expect, it } from 'vitest';
import type { Detection } from '../../../src/content/model.ts';
import {
  namedReplacements,
  possibleReplacements,
  quotedNames,
  unwrapSavedSearch,
} from '../../../src/domain/catalog/replacements.ts';

const det = (name: string, o: Partial<Detection> = {}): Detection =>
  ({
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    status: 'production',
    description: '',
    howToImplement: '',
    mitreIds: [],
    dataSources: [],
    ...o,
  }) as Detection;

const okta = det('Okta Multiple Accounts Locked Out');
const dns = det('DNS Query Length With High Standard Deviation');
const encoded = det('Malicious PowerShell Process - Encoded Command');
const encodedLine = det('Malicious PowerShell Process - Encoded Command Line');
const oldOne = det('Old Thing', { status: 'deprecated' });
const all = [okta, dns, encoded, encodedLine, oldOne];
const byName = new Map(all.map((d) => [d.name.toLowerCase(), d]));
const live = all.filter((d) => d.status !== 'deprecated');
const named = (o: Partial<Detection>) =>
  namedReplacements(det('Deprecated One', { status: 'deprecated', ...o }), byName, live).map((d) => d.name);

describe('replacements a deprecation text names', () => {
  it('reads backticks, quotes and the saved-search form', () => {
    expect(unwrapSavedSearch('ESCU - DNS Query Length With High Standard Deviation - Rule')).toBe(
      'DNS Query Length With High Standard Deviation',
    );
    expect(quotedNames('replaced with `A b c`, or "D e f" or “G h i”')).toEqual(['A b c', 'D e f', 'G h i']);
    expect(named({ description: 'This search has been deprecated and replaced with `Okta Multiple Accounts Locked Out`.' })).toEqual([
      okta.name,
    ]);
    expect(
      named({ howToImplement: 'use the search `ESCU - DNS Query Length With High Standard Deviation - Rule` instead.' }),
    ).toEqual([dns.name]);
  });

  it('finds a full name in prose, never a name that only starts the same, nor a deprecated one', () => {
    expect(named({ description: 'Deprecated because almost the same as Malicious PowerShell Process - Encoded Command.' })).toEqual([
      encoded.name,
    ]);
    expect(named({ description: 'Use (okta multiple accounts locked\n out) instead.' })).toEqual([okta.name]);
    expect(named({ description: 'Okta accounts: multiple locked out.' })).toEqual([]);
    expect(named({ description: 'See `Old Thing`.' })).toEqual([]);
    expect(named({ description: 'Deprecated because too noisy.' })).toEqual([]);
  });
});

describe('possible replacements', () => {
  it('are production detections sharing a technique, those sharing a data source first', () => {
    const gone = det('Gone', { status: 'deprecated', mitreIds: ['T1003', 'T1003.001'], dataSources: ['Sysmon EventID 10'] });
    const both = det('Both', { mitreIds: ['T1003', 'T1003.001'], dataSources: ['Sysmon EventID 10'] });
    const one = det('One', { mitreIds: ['T1003.001'], dataSources: ['Sysmon EventID 10', 'X'] });
    const otherData = det('Other Data', { mitreIds: ['T1003'], dataSources: ['Windows Security 4688'] });
    const experimental = det('Experimental', { status: 'experimental', mitreIds: ['T1003'], dataSources: ['Sysmon EventID 10'] });
    const byTechnique = new Map<string, Detection[]>();
    for (const d of [gone, both, one, otherData, experimental])
      for (const t of d.mitreIds) byTechnique.set(t, [...(byTechnique.get(t) ?? []), d]);
    expect(possibleReplacements(gone, byTechnique).map((d) => d.name)).toEqual(['Both', 'One', 'Other Data']);
  });
});
