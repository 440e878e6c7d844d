import type { Detection } from '../../content/model.ts';
import type { Problem } from '../../content/problems.ts';
import type { KindLists } from '../../content/kinds.ts';
import { findLookups, findMacroCalls, findTokens, isExternalMacro } from '../spl/analyze.ts';
import { resolveTechniques } from '../attack/index.ts';
import { fileStem } from '../../content/names.ts';
import { lintRiskySpl } from './lint-spl.ts';

/**
 * Cross-reference and contentctl-rule checks over a loaded catalog. Everything here is a
 * warning: the page still builds and shows the unresolved name, marked as such.
 */

type Loaded = KindLists;

export const MAX_DETECTION_NAME = 67;
export const MAX_NAME = 99;

const SECURITY_DOMAINS = new Set(['endpoint', 'network', 'threat', 'identity', 'access', 'audit']);

export function lintCatalog(cat: Loaded): Problem[] {
  const out: Problem[] = [];
  const storyByName = new Map(cat.stories.map((s) => [s.name, s]));
  const macroNames = new Set(cat.macros.map((m) => m.name));
  const lookupNames = new Set(cat.lookups.map((l) => l.name));
  const dsNames = new Set(cat.dataSources.map((d) => d.name));
  const detectionNames = new Set(cat.detections.map((d) => d.name));

  const warn = (
    e: { kind: string; filePath: string; name: string; key: string },
    code: string,
    field: string | null,
    message: string,
  ) =>
    out.push({
      severity: 'warning',
      code,
      file: e.filePath,
      line: null,
      column: null,
      field,
      message,
      entry: { kind: e.kind, key: e.key, name: e.name },
    });

  const checkStories = (
    e: { kind: string; filePath: string; name: string; key: string },
    stories: string[],
    field: string,
    active: boolean,
  ) => {
    stories.forEach((s, i) => {
      const story = storyByName.get(s);
      if (!story) warn(e, 'unknown-story', `${field}[${i}]`, `no analytic story is named "${s}"`);
      else if (active && story.status === 'deprecated')
        warn(e, 'deprecated-story-ref', `${field}[${i}]`, `story "${s}" is deprecated`);
    });
  };

  const checkSearch = (e: { kind: string; filePath: string; name: string; key: string }, search: string) => {
    for (const call of findMacroCalls(search)) {
      if (call.name.endsWith('_filter') || isExternalMacro(call.name) || macroNames.has(call.name)) continue;
      warn(e, 'unknown-macro', 'search', `macro \`${call.name}\` is not defined in macros/`);
    }
    for (const name of findLookups(search)) {
      if (!lookupNames.has(name)) warn(e, 'unknown-lookup', 'search', `lookup "${name}" is not defined in lookups/`);
    }
  };

  for (const d of cat.detections) {
    const e = { kind: 'detection', filePath: d.filePath, name: d.name, key: d.id };
    const storyField = d.generation === 'escu6' ? 'analytic_story' : 'tags.analytic_story';
    checkStories(e, d.stories, storyField, d.status !== 'deprecated');
    checkSearch(e, d.search);
    d.dataSources.forEach((ds) => {
      if (!dsNames.has(ds)) warn(e, 'unknown-data-source', 'data_source', `no data source is named "${ds}"`);
    });
    lintAttack(d, warn, e, out);
    lintDetectionRules(d, warn, e);
  }
  for (const s of cat.stories) {
    const e = { kind: 'story', filePath: s.filePath, name: s.name, key: s.slug };
    if (s.name.length > MAX_NAME)
      warn(e, 'name-too-long', 'name', `name has ${s.name.length} characters; contentctl allows ${MAX_NAME}`);
    lintFileName(s, warn, e, false);
  }
  for (const b of cat.baselines) {
    const e = { kind: 'baseline', filePath: b.filePath, name: b.name, key: b.id };
    checkStories(e, b.stories, 'tags.analytic_story', b.status !== 'deprecated');
    checkSearch(e, b.search);
    b.detections.forEach((n, i) => {
      if (!detectionNames.has(n)) warn(e, 'unknown-detection', `tags.detections[${i}]`, `no detection is named "${n}"`);
    });
  }
  for (const inv of cat.investigations) {
    const e = { kind: 'investigation', filePath: inv.filePath, name: inv.name, key: inv.id };
    checkStories(e, inv.stories, 'tags.analytic_story', true);
    checkSearch(e, inv.search);
  }
  for (const p of cat.playbooks) {
    const e = { kind: 'playbook', filePath: p.filePath, name: p.name, key: p.slug };
    checkStories(e, p.stories, 'tags.analytic_story', true);
    p.detections.forEach((n, i) => {
      if (!detectionNames.has(n)) warn(e, 'unknown-detection', `tags.detections[${i}]`, `no detection is named "${n}"`);
    });
    lintFileName(p, warn, e, true);
  }
  for (const l of cat.lookups) {
    const e = { kind: 'lookup', filePath: l.filePath, name: l.name, key: l.name };
    if (l.lookupType === 'csv' && l.rowCount === null) {
      warn(e, 'lookup-file-missing', 'filename', `lookup data file lookups/${l.filename} is missing or unreadable`);
    }
  }
  for (const m of cat.macros)
    lintFileName(m, warn, { kind: 'macro', filePath: m.filePath, name: m.name, key: m.name }, false);
  const all = [
    ...cat.detections,
    ...cat.stories,
    ...cat.baselines,
    ...cat.investigations,
    ...cat.playbooks,
    ...cat.dataSources,
  ];
  for (const x of all) {
    x.references.forEach((r, i) => {
      if (!/^https?:\/\/[^\s]+$/i.test(r)) {
        warn(
          { kind: x.kind, filePath: x.filePath, name: x.name, key: 'id' in x && x.id ? x.id : x.name },
          'non-http-reference',
          `references[${i}]`,
          'reference is not an http(s) URL; it is shown as text',
        );
      }
    });
  }
  out.push(...lintRiskySpl(cat));
  return out;
}

type Warn = (
  e: { kind: string; filePath: string; name: string; key: string },
  code: string,
  field: string | null,
  message: string,
) => void;

function lintFileName(
  x: { name: string; filePath: string },
  warn: Warn,
  e: { kind: string; filePath: string; name: string; key: string },
  caseInsensitive: boolean,
) {
  const actual = x.filePath
    .split('/')
    .pop()!
    .replace(/\.yml$/, '');
  const expected = fileStem(x.name);
  if (caseInsensitive ? actual.toLowerCase() !== expected : actual !== expected) {
    warn(e, 'file-name-rule', null, `file should be named ${expected}.yml for this name`);
  }
}

function lintAttack(
  d: Detection,
  warn: Warn,
  e: { kind: string; filePath: string; name: string; key: string },
  _out: Problem[],
) {
  const field = d.generation === 'escu6' ? 'mitre_attack_id' : 'tags.mitre_attack_id';
  resolveTechniques(d.mitreIds).forEach((t, i) => {
    if (!t.valid)
      warn(e, 'invalid-attack-id', `${field}[${i}]`, `"${t.id}" is not an ATT&CK technique id (T#### or T####.###)`);
    else if (!t.known)
      warn(
        e,
        'unknown-attack-id',
        `${field}[${i}]`,
        `${t.id} is not in the bundled ATT&CK data (newer ATT&CK?); shown without a name`,
      );
    else if (t.revoked)
      warn(
        e,
        'revoked-attack-id',
        `${field}[${i}]`,
        `${t.id} is revoked in ATT&CK${t.replacedBy ? `; use ${t.replacedBy}` : ''}`,
      );
    else if (t.deprecated) warn(e, 'deprecated-attack-id', `${field}[${i}]`, `${t.id} is deprecated in ATT&CK`);
  });
  if (d.generation !== '2024') {
    const set = new Set(d.mitreIds);
    for (const id of d.mitreIds) {
      const parent = id.split('.')[0];
      if (id.includes('.') && set.has(parent))
        warn(
          e,
          'technique-with-subtechnique',
          field,
          `${parent} is listed together with its own sub-technique ${id}; keep only the sub-technique`,
        );
    }
  }
}

function lintDetectionRules(
  d: Detection,
  warn: Warn,
  e: { kind: string; filePath: string; name: string; key: string },
) {
  if (d.name.length > MAX_DETECTION_NAME)
    warn(
      e,
      'name-too-long',
      'name',
      `name has ${d.name.length} characters; contentctl allows ${MAX_DETECTION_NAME} for detections`,
    );
  lintFileName(d, warn, e, false);
  const filter = `\`${fileStem(d.name)}_filter\``;
  if (!d.search.includes(filter))
    warn(e, 'missing-filter-macro', 'search', `search should contain its filter macro ${filter}`);
  if (d.securityDomain && !SECURITY_DOMAINS.has(d.securityDomain)) {
    warn(
      e,
      'invalid-value',
      d.generation === 'escu6' ? 'security_domain' : 'tags.security_domain',
      `security_domain "${d.securityDomain}" is not one of ${[...SECURITY_DOMAINS].join(', ')}`,
    );
  }
  if (d.status === 'production' && d.type !== 'Hunting') {
    const withOriginal = d.drilldowns.some((x) => x.search.includes('%original_detection_search%'));
    if (d.drilldowns.length < 2 || !withOriginal) {
      warn(
        e,
        'drilldowns-required',
        'drilldown_searches',
        'production detections that are not Hunting need at least two drilldowns, one using %original_detection_search%',
      );
    }
  }
  if (d.status === 'production' && d.type !== 'Correlation' && !d.manualTest && d.tests.length === 0) {
    warn(e, 'tests-required', 'tests', 'production detections need at least one test (or tags.manual_test)');
  }
  if (
    d.generation !== '2024' &&
    (d.type === 'TTP' || d.type === 'Anomaly') &&
    d.status === 'production' &&
    !d.rba?.riskObjects.length
  ) {
    warn(e, 'rba-required', d.generation === 'escu6' ? 'finding' : 'rba', `${d.type} detections need risk objects`);
  }
  if (d.status === 'production' && d.rba && d.rba.message && d.generation !== '2024') {
    const search = d.search.toLowerCase();
    const fields = [
      ...d.rba.riskObjects.map((r) => r.field),
      ...d.rba.threatObjects.map((t) => t.field),
      ...findTokens(d.rba.message),
    ];
    for (const f of new Set(fields)) {
      if (!f.includes('.') && !search.includes(f.toLowerCase())) {
        warn(
          e,
          'rba-token-not-in-search',
          d.generation === 'escu6' ? 'finding' : 'rba',
          `field "${f}" is used for risk but does not appear in the search`,
        );
      }
    }
  }
}
