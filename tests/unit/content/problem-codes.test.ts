/**
 * Every problem code the report can name, each produced by the smallest content that should
 * trigger it, through the real loader. A code with no case here fails the last test, so a new
 * rule cannot arrive without content that proves it fires.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { CODE_LABELS } from '../../../src/content/problems';
import { MAX_FILE_BYTES } from '../../../src/content/yaml-file';
import { MAX_CSV_BYTES } from '../../../src/content/csv-summary';
import { DATA_SOURCE, NEW_DETECTION, OLD_DETECTION, STORY, validCorpus } from './samples';

/** Files whose read fails after the walk listed them (a file removed or unreadable meanwhile). */
const failingReads = new Set<string>();
vi.mock('../../../src/content/safe-fs', async (original) => {
  const real = await original<typeof import('../../../src/content/safe-fs')>();
  return {
    ...real,
    readRegular: (abs: string, max?: number) =>
      [...failingReads].some((f) => abs.endsWith(f)) ? { ok: false, code: 'missing', message: 'does not exist' } : real.readRegular(abs, max),
  };
});

const DET = 'detections/cloud/sample_shell_in_container.yml';
const OTHER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const detection = (change: (yml: string) => string, base = OLD_DETECTION) => ({ dir: validCorpus(change(base)), file: DET });
const withFiles = (files: Record<string, string | Uint8Array>, file: string, base = OLD_DETECTION) => ({ dir: validCorpus(base, files), file });
const story = (name: string, body = STORY) => body.replace('name: Sample Story', `name: ${name}`).replace('6f1e2d3c-4b5a-4968-8776-655443322110', OTHER_ID);
const baseline = (detections: string) => `name: Sample Baseline
id: ${OTHER_ID}
version: 1
date: '2024-09-30'
author: Test Author, Example
type: Baseline
description: Records users.
search: '\`sample_falco\` | stats count by user'
how_to_implement: Schedule daily.
known_false_positives: None.
references: []
tags:
  analytic_story:
  - Sample Story
  detections:
  - ${detections}
  product:
  - Splunk Enterprise
  security_domain: network
`;
const lookup = (filename: string) => `name: sample_lookup\ndescription: Sample rows.\nfilename: ${filename}\nmatch_type: WILDCARD(user)\nmin_matches: 1\ncase_sensitive_match: 'false'\n`;
/** `fan_0` calls `fan_1` eight times, … nine levels down: far past the expansion caps. */
const fanMacros = () => {
  const m: Record<string, string> = {};
  for (let k = 0; k < 9; k++) m[`macros/fan_${k}.yml`] = `name: fan_${k}\ndefinition: "${Array(8).fill(`\`fan_${k + 1}\``).join(' ')}"\ndescription: x\n`;
  m['macros/fan_9.yml'] = 'name: fan_9\ndefinition: index=main\ndescription: leaf\n';
  return m;
};
const linkRef = (url: string) => detection((y) => y.replace('- https://example.org/falco', `- ${JSON.stringify(url)}`));
const searchOf = (search: string) => detection((y) => y.replace(/^search: .*$/m, `search: ${JSON.stringify(search)}`));

/** Code → content that triggers it and the file it must be reported on. */
const CASES: Record<string, () => { dir: string; file: string }> = {
  // Reading and parsing a file.
  'yaml-syntax': () => detection((y) => y.replace('type: Anomaly', 'type: [Anomaly')),
  'yaml-alias': () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    return detection(() => `${bomb.join('\n')}\nname: x\n`);
  },
  'yaml-duplicate-key': () => detection((y) => y.replace('type: Anomaly', 'type: Anomaly\ntype: TTP')),
  encoding: () => withFiles({ [DET]: Buffer.concat([Buffer.from('name: Bad'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]) }, DET),
  'file-too-large': () => withFiles({ [DET]: Buffer.alloc(MAX_FILE_BYTES + 1, 0x23) }, DET),
  'empty-file': () => detection(() => '# nothing here\n'),
  'not-a-mapping': () => detection(() => '- name: x\n'),
  'read-error': () => {
    failingReads.add('detections/cloud/vanishing.yml');
    return withFiles({ 'detections/cloud/vanishing.yml': OLD_DETECTION }, 'detections/cloud/vanishing.yml');
  },
  schema: () => detection((y) => y.replace(/^how_to_implement: .*\n/m, '')),
  'update-placeholder': () => detection((y) => y.replace('Finds an interactive shell', '__UPDATE__ Finds an interactive shell')),
  'ignored-file': () => withFiles({ 'detections/loose.yml': OLD_DETECTION }, 'detections/loose.yml'),
  'control-character': () => detection((y) => y.replace('author: Test Author, Example', 'author: "Mallory \\u0000"')),

  // One entry per id, name and URL.
  'duplicate-id': () => withFiles({ 'detections/cloud/zz_copy.yml': OLD_DETECTION.replace('Sample Shell In Container', 'Another Name') }, 'detections/cloud/zz_copy.yml'),
  'duplicate-name': () => withFiles({ 'detections/cloud/zz_copy.yml': OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', OTHER_ID) }, 'detections/cloud/zz_copy.yml'),
  'duplicate-slug': () => withFiles({ 'macros/zz_other.yml': 'name: Sample_Falco\ndefinition: index=main\ndescription: x\n' }, 'macros/zz_other.yml'),
  'reserved-name': () => withFiles({ 'detections/api/sample_shell_in_container.yml': OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', OTHER_ID).replace('Sample Shell In Container', 'Sample Other') }, 'detections/api/sample_shell_in_container.yml'),
  'invalid-folder': () => withFiles({ 'detections/Bad Folder/sample_other.yml': OLD_DETECTION.replace('0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60', OTHER_ID).replace('Sample Shell In Container', 'Sample Other') }, 'detections/Bad Folder/sample_other.yml'),

  // Links and special files are named, never followed or read.
  symlink: () => {
    const c = validCorpus();
    symlinkSync(join(c, DET), join(c, 'detections/cloud/linked.yml'));
    return { dir: c, file: 'detections/cloud/linked.yml' };
  },
  'special-file': () => {
    const c = validCorpus();
    execFileSync('mkfifo', [join(c, 'detections/cloud/pipe.yml')]);
    return { dir: c, file: 'detections/cloud/pipe.yml' };
  },

  // Cross-references.
  'unknown-story': () => detection((y) => y.replace('  - Sample Story', '  - No Such Story')),
  'deprecated-story-ref': () => withFiles({ 'stories/sample_story.yml': STORY.replace('version: 1', 'version: 1\nstatus: deprecated') }, DET),
  'unknown-macro': () => searchOf('`sample_falco` `no_such_macro` | `sample_shell_in_container_filter`'),
  'unknown-lookup': () => searchOf('`sample_falco` | lookup no_such_lookup user | `sample_shell_in_container_filter`'),
  'unknown-data-source': () => detection((y) => y.replace('- Sample Falco', '- No Such Source')),
  'unknown-detection': () => withFiles({ 'baselines/sample_baseline.yml': baseline('No Such Detection') }, 'baselines/sample_baseline.yml'),
  'lookup-file-missing': () => withFiles({ 'lookups/sample_lookup.yml': lookup('sample_lookup.csv') }, 'lookups/sample_lookup.yml'),
  'lookup-csv': () => withFiles({ 'lookups/sample_lookup.yml': lookup('sample_lookup.csv'), 'lookups/sample_lookup.csv': 'user,note\na,1\nb,2,3\n' }, 'lookups/sample_lookup.csv'),
  'lookup-too-large': () => withFiles({ 'lookups/sample_lookup.yml': lookup('sample_lookup.csv'), 'lookups/sample_lookup.csv': Buffer.from(`user\n${'a\n'.repeat(MAX_CSV_BYTES / 2 + 10)}`) }, 'lookups/sample_lookup.csv'),

  // ATT&CK ids.
  'invalid-attack-id': () => detection((y) => y.replace('  - T1204\n', '  - X1204\n')),
  'unknown-attack-id': () => detection((y) => y.replace('  - T1204\n', '  - T1999\n')),
  'revoked-attack-id': () => detection((y) => y.replace('  - T1204\n', '  - T1002\n')),
  'deprecated-attack-id': () => detection((y) => y.replace('  - T1204\n', '  - T1026\n')),
  'technique-with-subtechnique': () => detection((y) => y.replace('  - T1204\n', '  - T1204\n  - T1204.002\n'), NEW_DETECTION),

  // contentctl rules.
  'missing-filter-macro': () => detection((y) => y.replace(' | `sample_shell_in_container_filter`', '')),
  'name-too-long': () => withFiles({ 'stories/sample_story.yml': story(`Sample Story ${'x'.repeat(100)}`) }, 'stories/sample_story.yml'),
  'file-name-rule': () => withFiles({ 'stories/wrong_name.yml': story('Sample Other Story') }, 'stories/wrong_name.yml'),
  'drilldowns-required': () => detection((y) => y.replace(/^drilldown_searches:\n(- [\s\S]*?\n)(?=tags:)/m, '')),
  'tests-required': () => detection((y) => y.replace(/^tests:\n[\s\S]*$/m, '')),
  'rba-required': () => detection((y) => y.replace(/^rba:\n[\s\S]*?(?=^tags:)/m, ''), NEW_DETECTION),
  'rba-token-not-in-search': () => detection((y) => y.replace('A shell was spawned in $container_name$ by $user$.', 'A shell was spawned on $dest$ by $user$.'), NEW_DETECTION),
  'invalid-value': () => detection((y) => y.replace('security_domain: network', 'security_domain: kitchen')),
  'non-http-reference': () => linkRef('ftp://example.org/falco'),

  // Caps on what a page shows.
  'expansion-too-large': () => ({ dir: validCorpus(OLD_DETECTION.replace('`sample_falco` "shell spawned"', '`fan_0`'), fanMacros()), file: DET }),
  'drilldown-too-large': () => detection((y) => y.replace("search: '%original_detection_search% | search user = $user$'", `search: '${'%original_detection_search% '.repeat(2000)}'`)),
  'text-too-large': () => withFiles({ 'stories/sample_story.yml': STORY.replace(/narrative: \|-\n[\s\S]*?(?=^references:)/m, `narrative: "${'n'.repeat(600 * 1024)}"\n`) }, 'stories/sample_story.yml'),

  // Text that must stay text.
  'link-userinfo': () => linkRef('https://www.splunk.com@evil.example/'),
  'link-idn-host': () => linkRef('https://spl\u0443nk.com/'),
  'link-invisible': () => linkRef('https://example.org/\u202eexe'),
  'link-whitespace': () => linkRef('https://www.splunk.com\t.evil.example/'),
  'link-private-host': () => linkRef('http://169.254.169.254/latest/'),
  'link-text-mismatch': () => withFiles({ 'data_sources/sample_falco.yml': DATA_SOURCE.replace('- name: Sample TA\n  url: https://example.org/ta', '- name: https://splunkbase.splunk.com/app/742\n  url: https://evil.example/ta') }, 'data_sources/sample_falco.yml'),
  'future-date': () => detection((y) => y.replace("date: '2024-09-30'", "date: '9999-12-31'")),
  'name-like-id': () => withFiles({ 'stories/t1059.yml': story('T1059') }, 'stories/t1059.yml'),
  'risky-spl': () => searchOf('`sample_falco` | outputlookup users.csv | `sample_shell_in_container_filter`'),
  'invisible-in-search': () => searchOf('`sample_falco` user="adm\u202enimda" | `sample_shell_in_container_filter`'),
};

describe('every problem code is produced by content that should trigger it', () => {
  it.each(Object.keys(CASES))('%s', (code) => {
    const { dir, file } = CASES[code]();
    const problems = loadCatalog(dir).problems;
    expect(problems.filter((p) => p.code === code).map((p) => p.file), JSON.stringify(problems.map((p) => `${p.file} ${p.code}`))).toContain(file);
  });

  it('the sample corpus itself has none of them', () => {
    expect(loadCatalog(validCorpus()).problems).toEqual([]);
  });

  it('every code the report names has a case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(CODE_LABELS).sort());
  });
});
