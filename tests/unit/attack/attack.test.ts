import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAttack, firstParagraph, formatTable, SUMMARY_MAX } from '../../../scripts/lib/attack-extract.mjs';
import {
  getTechnique,
  killChainPhasesFor,
  parseTechniqueId,
  resolveTechniques,
  tacticByName,
  tactics,
  techniquesForTactic,
  techniqueUrl,
} from '../../../src/domain/attack';

const bundle = JSON.parse(readFileSync(new URL('../../fixtures/stix/bundle.json', import.meta.url), 'utf8'));

describe('ATT&CK extractor on our tiny STIX fixture', () => {
  const table = extractAttack(bundle.objects, { version: '1.0' });

  it('keeps tactics in matrix order', () => {
    expect(table.tactics.map((t: { id: string }) => t.id)).toEqual(['TA0001', 'TA0002', 'TA0011']);
    expect(table.tactics[1]).toEqual({
      id: 'TA0002',
      shortName: 'execution',
      name: 'Execution',
      url: 'https://attack.mitre.org/tactics/TA0002/',
    });
  });

  it('links parents and sub-techniques, with attack.mitre.org URLs', () => {
    expect(table.techniques['T0001'].subtechniques).toEqual(['T0001.001']);
    expect(table.techniques['T0001.001']).toMatchObject({
      parent: 'T0001',
      name: 'Run Scripts',
      url: 'https://attack.mitre.org/techniques/T0001/001/',
    });
    expect(table.techniques['T0001'].platforms).toEqual(['Linux', 'Windows']);
  });

  it('flags deprecated and revoked techniques and names the replacement', () => {
    expect(table.techniques['T0002'].deprecated).toBe(true);
    expect(table.techniques['T0003']).toMatchObject({ revoked: true, replacedBy: 'T0001' });
  });

  it("keeps a current technique's first paragraph as plain text, and no other description text", () => {
    expect(table.techniques['T0001'].summary).toBe(
      'Adversaries may run Run Scripts with cmd /c <file>. They often do.',
    );
    expect(table.techniques['T0001.001'].summary).toBeUndefined();
    expect(table.techniques['T0002'].summary).toBeUndefined();
    const out = formatTable(table);
    expect(out).not.toMatch(/MUST NOT LEAK|TACTIC TEXT|REFERENCE TEXT|Citation/);
    expect(JSON.parse(out)).toEqual(table);
  });
});

describe('first paragraph of an ATT&CK description', () => {
  it('removes every citation, with the space before it', () => {
    expect(firstParagraph('Uses X (Citation: A 2020)(Citation: B) and Y.(Citation: C)')).toBe('Uses X and Y.');
  });

  it('turns markdown links into their text and drops the address', () => {
    expect(firstParagraph('See [Phishing](https://attack.mitre.org/techniques/T1566), pastebin[.]com.')).toBe(
      'See Phishing, pastebin[.]com.',
    );
    expect(firstParagraph('[Native API](https://attack.mitre.org/techniques/T1106)s are used')).toBe(
      'Native APIs are used',
    );
  });

  it('takes the first non-empty paragraph and collapses line breaks inside it', () => {
    expect(firstParagraph('\n\nFirst line\nsame paragraph.\n\n* a list\n\nThird.')).toBe('First line same paragraph.');
  });

  it('keeps placeholders in angle brackets as text but drops formatting tags', () => {
    expect(firstParagraph('Run <code>net user <username></code> or <b>whoami</b>.')).toBe(
      'Run net user <username> or whoami.',
    );
  });

  it('cuts a long paragraph at a sentence end, within the cap', () => {
    const long = `${'A sentence that goes on. '.repeat(40)}`;
    const out = firstParagraph(long);
    expect(out.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(out.length).toBeGreaterThan(SUMMARY_MAX / 2);
    expect(out.endsWith('on.')).toBe(true);
    const words = firstParagraph('word '.repeat(200));
    expect(words.endsWith('word…')).toBe(true);
  });

  it('gives nothing for a missing description', () => {
    expect(firstParagraph(undefined)).toBe('');
    expect(firstParagraph('  \n\n ')).toBe('');
  });
});

describe('ATT&CK look-ups over the generated table', () => {
  it('knows T1204 User Execution under Execution (TA0002)', () => {
    const [t] = resolveTechniques(['t1204']);
    expect(t).toMatchObject({ id: 'T1204', name: 'User Execution', known: true, valid: true });
    expect(t.tactics.map((x) => x.id)).toEqual(['TA0002']);
  });

  it('knows sub-techniques and their parent', () => {
    expect(getTechnique('T1059.001')).toMatchObject({ name: 'PowerShell', parent: 'T1059' });
    expect(techniqueUrl('T1059.001')).toBe('https://attack.mitre.org/techniques/T1059/001/');
  });

  it('flags T1574.002 as revoked or deprecated', () => {
    const [t] = resolveTechniques(['T1574.002']);
    expect(t.revoked || t.deprecated).toBe(true);
  });

  it('returns unknown and malformed ids flagged, never dropped', () => {
    expect(resolveTechniques(['T9999', 'T12', '../x']).map((t) => [t.id, t.known, t.valid])).toEqual([
      ['T9999', false, true],
      ['T12', false, false],
      ['../x', false, false],
    ]);
    expect(parseTechniqueId('t1059.1')).toBeNull();
  });

  it('has 14 enterprise tactics in matrix order and matches contentctl tactic spellings', () => {
    expect(tactics).toHaveLength(14);
    expect(tactics[0].name).toBe('Reconnaissance');
    expect(tacticByName('Command And Control')?.id).toBe('TA0011');
  });

  it('lists current techniques of a tactic with their sub-techniques', () => {
    const exec = techniquesForTactic('TA0002');
    const ue = exec.find((t) => t.id === 'T1204');
    expect(ue?.subtechniques.map((s) => s.id)).toContain('T1204.002');
    expect(exec.some((t) => t.id.includes('.'))).toBe(false);
  });

  it('derives kill-chain phases in phase order', () => {
    expect(killChainPhasesFor(['T1204', 'T1566.001', 'T1041'])).toEqual([
      'Delivery',
      'Installation',
      'Actions on Objectives',
    ]);
    expect(killChainPhasesFor([])).toEqual([]);
  });
});
