import { z } from 'zod';
import type { Detection, Generation, Rba } from '../model.ts';
import { dedupeBy, detectionScore, mapObservables, pyRound, severityFor, threatObject } from '../rba.ts';
import {
  commonRequiredMeta, dedupe, intInRange, isoDate, optText, reqStrList, requiredText, strList, text, uuid, version,
  references, researchSlug, optionalProse,
} from './common.ts';

/**
 * Detection input schemas for the three YAML generations, each transformed into the one
 * `Detection` model. Unknown keys are stripped here (they stay visible in the raw YAML).
 */

export const DETECTION_TYPES = ['TTP', 'Anomaly', 'Hunting', 'Correlation'] as const;
export const DETECTION_STATUSES = ['production', 'experimental', 'deprecated', 'validation', 'removed'] as const;

const detectionType = z.enum(DETECTION_TYPES, {
  error: (iss) => (iss.input === undefined ? 'required type is missing' : `type must be one of ${DETECTION_TYPES.join(', ')}`),
});
const detectionStatus = z.enum(DETECTION_STATUSES, {
  error: (iss) =>
    iss.input === undefined ? 'required status is missing' : 'status must be production, experimental or deprecated',
});

const offset = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v)));

const drilldown = z.object({
  name: requiredText('drilldown name'),
  search: requiredText('drilldown search'),
  earliest_offset: offset,
  latest_offset: offset,
});

const attackData = z.object({
  data: requiredText('attack data location'),
  source: requiredText('attack data source'),
  sourcetype: requiredText('attack data sourcetype'),
  custom_index: optText,
  host: optText,
});

const test = z.object({
  name: requiredText('test name'),
  test_type: optText,
  attack_data: z.array(attackData).nullish().transform((v) => v ?? []),
});

/** `A AND B` entries name two data sources; contentctl splits on the substring `AND`. */
function splitDataSources(entries: string[]): string[] {
  return dedupe(dataSourceEntries(entries).flat());
}

/** Each entry's parts, split the same way; empty entries dropped, repeated entries kept once. */
function dataSourceEntries(entries: string[]): string[][] {
  const parts = entries.map((e) => dedupe(e.split('AND').map((s) => s.trim())).filter(Boolean)).filter((p) => p.length);
  return [...new Map(parts.map((p) => [JSON.stringify(p), p])).values()];
}

const mitreIds = strList.transform((ids) => dedupe(ids.map((s) => s.toUpperCase())));
const cveList = strList.transform((ids) => dedupe(ids.map((s) => s.toUpperCase())));

const observable = z.object({
  name: requiredText('observable name'),
  type: requiredText('observable type'),
  role: z.union([z.array(z.string()), z.string().transform((s) => [s])], { error: 'expected role as a list, e.g. [Victim]' }),
});

const riskObject = z.object({
  field: requiredText('risk object field'),
  type: requiredText('risk object type'),
  score: intInRange(0, 100, 'risk object score'),
});
const threatObjectIn = z.object({
  field: requiredText('threat object field'),
  type: requiredText('threat object type'),
});

/** Fields shared by all three generations. */
const base = {
  name: commonRequiredMeta.name,
  id: uuid,
  version,
  author: commonRequiredMeta.author,
  description: commonRequiredMeta.description,
  references,
  type: detectionType,
  status: detectionStatus,
  search: requiredText('search'),
  how_to_implement: optionalProse('how_to_implement'),
  known_false_positives: optionalProse('known_false_positives'),
  data_source: strList,
  data_sources: strList,
  drilldown_searches: z.array(drilldown).nullish().transform((v) => v ?? []),
  tests: z.array(test).nullish().transform((v) => v ?? []),
  enabled_by_default: z.boolean().nullish(),
  explanation: optText,
};

/** Tag keys common to the 2024 and contentctl-5 generations. */
const sharedTags = {
  analytic_story: reqStrList('analytic_story'),
  asset_type: optText,
  security_domain: optText,
  product: reqStrList('product'),
  mitre_attack_id: mitreIds,
  cve: cveList,
  CVE: cveList,
  atomic_guid: strList,
  group: strList,
  manual_test: optText,
  required_fields: strList,
};

const oldSchema = z.object({
  ...base,
  date: isoDate,
  tags: z.object(
    {
      ...sharedTags,
      confidence: intInRange(0, 100, 'confidence'),
      impact: intInRange(0, 100, 'impact'),
      message: z.string().nullish().transform((v) => v ?? ''),
      observable: z.array(observable).nullish().transform((v) => v ?? []),
      risk_score: z.number().nullish(),
    },
    { error: 'required tags block is missing' },
  ),
});

const newSchema = z.object({
  ...base,
  date: isoDate,
  rba: z
    .object({
      message: text('rba message'),
      risk_objects: z.array(riskObject).nullish().transform((v) => v ?? []),
      threat_objects: z.array(threatObjectIn).nullish().transform((v) => v ?? []),
    })
    .nullish(),
  tags: z.object(sharedTags, { error: 'required tags block is missing' }),
});

const escu6Schema = z.object({
  ...base,
  creation_date: isoDate,
  modification_date: isoDate,
  category: optText,
  analytic_story: reqStrList('analytic_story'),
  mitre_attack_id: mitreIds,
  product: reqStrList('product'),
  asset_type: optText,
  security_domain: optText,
  cve: cveList,
  finding: z
    .object({
      title: text('finding title'),
      entity: riskObject.nullish(),
    })
    .nullish(),
  threat_objects: z.array(threatObjectIn).nullish().transform((v) => v ?? []),
  tags: z
    .object({ cve: cveList, atomic_guid: strList, group: strList, manual_test: optText })
    .nullish(),
});

/**
 * Decides the generation from the file itself, never from a global flag: ESCU-6 has
 * `finding:`/`creation_date`/top-level `analytic_story`; contentctl-5 has `rba:` or tags
 * without the old RBA inputs (docs/content-format.md §13.2, §17).
 */
export function detectGeneration(data: Record<string, unknown>): Generation {
  if ('finding' in data || 'creation_date' in data || 'modification_date' in data || 'analytic_story' in data) return 'escu6';
  if ('rba' in data) return 'contentctl5';
  const tags = data.tags;
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
    const t = tags as Record<string, unknown>;
    if (!('confidence' in t) && !('impact' in t) && !('observable' in t)) return 'contentctl5';
  }
  return '2024';
}

export interface DetectionFile {
  filePath: string;
  folder: string;
  raw: string;
}

type Body = z.output<typeof oldSchema> | z.output<typeof newSchema> | z.output<typeof escu6Schema>;

function common(d: Body, source: DetectionFile) {
  const scoreOf = (rba: Rba | null) => detectionScore(rba?.riskObjects ?? []);
  return {
    scoreOf,
    fields: {
      kind: 'detection' as const,
      id: d.id,
      name: d.name.trim(),
      version: d.version,
      author: d.author,
      description: d.description,
      references: d.references,
      filePath: source.filePath,
      raw: source.raw,
      folder: source.folder,
      alias: researchSlug(d.name.trim()),
      type: d.type,
      status: d.status,
      search: d.search.replace(/\n$/, ''),
      howToImplement: d.how_to_implement,
      knownFalsePositives: d.known_false_positives,
      dataSources: splitDataSources([...d.data_source, ...d.data_sources]),
      dataSourceEntries: dataSourceEntries([...d.data_source, ...d.data_sources]),
      drilldowns: d.drilldown_searches.map((x) => ({
        name: x.name,
        search: x.search.replace(/\n$/, ''),
        earliest: x.earliest_offset,
        latest: x.latest_offset,
      })),
      tests: d.tests.map((t) => ({
        name: t.name,
        testType: t.test_type,
        attackData: t.attack_data.map((a) => ({
          data: a.data,
          source: a.source,
          sourcetype: a.sourcetype,
          customIndex: a.custom_index,
          host: a.host,
        })),
      })),
      enabledByDefault: d.enabled_by_default ?? false,
      explanation: d.explanation,
      nist: d.type === 'TTP' ? ['DE.CM'] : ['DE.AE'],
    },
  };
}

function cis20(securityDomain: string | null): string[] {
  return securityDomain === 'network' ? ['CIS 13'] : ['CIS 10'];
}

function fromOld(d: z.output<typeof oldSchema>, source: DetectionFile): Detection {
  const { fields } = common(d, source);
  const t = d.tags;
  const quotient = (t.confidence * t.impact) / 100;
  const score = pyRound(quotient);
  const mapped = mapObservables(t.observable, score);
  const rba: Rba = {
    message: t.message,
    riskObjects: mapped.risk,
    threatObjects: mapped.threat,
    legacy: { confidence: t.confidence, impact: t.impact, quotient, declaredRiskScore: t.risk_score ?? null },
  };
  // The 2024 score applies to the detection even when no observable is a Victim.
  return {
    ...fields,
    generation: '2024',
    date: d.date,
    created: null,
    stories: dedupe(t.analytic_story),
    assetType: t.asset_type,
    securityDomain: t.security_domain,
    products: t.product,
    mitreIds: t.mitre_attack_id,
    cves: dedupe([...t.cve, ...t.CVE]),
    atomicGuids: t.atomic_guid,
    groups: t.group,
    manualTest: t.manual_test,
    requiredFields: t.required_fields,
    rba,
    riskScore: score,
    severity: severityFor(score),
    cis20: cis20(t.security_domain),
  };
}

function fromNew(d: z.output<typeof newSchema>, source: DetectionFile): Detection {
  const { fields, scoreOf } = common(d, source);
  const t = d.tags;
  const rba: Rba | null = d.rba
    ? {
        message: d.rba.message,
        riskObjects: dedupeBy(
          d.rba.risk_objects.map((r) => ({ field: r.field, type: r.type, score: r.score, observableType: null })),
          (r) => `${r.field}\u0000${r.type}\u0000${r.score}`,
        ),
        threatObjects: dedupeBy(
          d.rba.threat_objects.map((o) => threatObject(o.field, o.type)),
          (o) => `${o.field}\u0000${o.type}`,
        ),
        legacy: null,
      }
    : null;
  const score = scoreOf(rba);
  return {
    ...fields,
    generation: 'contentctl5',
    date: d.date,
    created: null,
    stories: dedupe(t.analytic_story),
    assetType: t.asset_type,
    securityDomain: t.security_domain,
    products: t.product,
    mitreIds: t.mitre_attack_id,
    cves: dedupe([...t.cve, ...t.CVE]),
    atomicGuids: t.atomic_guid,
    groups: t.group,
    manualTest: t.manual_test,
    requiredFields: t.required_fields,
    rba,
    riskScore: score,
    // A Correlation without risk objects still raises a notable, which contentctl rates high.
    severity: score === null && d.type === 'Correlation' ? 'high' : severityFor(score),
    cis20: cis20(t.security_domain),
  };
}

function fromEscu6(d: z.output<typeof escu6Schema>, source: DetectionFile): Detection {
  const { fields, scoreOf } = common(d, source);
  const f = d.finding;
  const rba: Rba | null = f
    ? {
        message: f.title,
        riskObjects: f.entity ? [{ field: f.entity.field, type: f.entity.type, score: f.entity.score, observableType: null }] : [],
        threatObjects: dedupeBy(
          d.threat_objects.map((o) => threatObject(o.field, o.type)),
          (o) => `${o.field}\u0000${o.type}`,
        ),
        legacy: null,
      }
    : null;
  const score = scoreOf(rba);
  return {
    ...fields,
    generation: 'escu6',
    date: d.modification_date,
    created: d.creation_date,
    stories: dedupe(d.analytic_story),
    assetType: d.asset_type,
    securityDomain: d.security_domain,
    products: d.product,
    mitreIds: d.mitre_attack_id,
    cves: dedupe([...d.cve, ...(d.tags?.cve ?? [])]),
    atomicGuids: d.tags?.atomic_guid ?? [],
    groups: d.tags?.group ?? [],
    manualTest: d.tags?.manual_test ?? null,
    requiredFields: [],
    rba,
    riskScore: score,
    severity: score === null && d.type === 'Correlation' ? 'high' : severityFor(score),
    cis20: cis20(d.security_domain),
  };
}

export const detectionSchemas = { '2024': oldSchema, contentctl5: newSchema, escu6: escu6Schema } as const;

/** Validates one parsed detection file and returns the normalized model or zod's issues. */
export function parseDetection(
  data: Record<string, unknown>,
  source: DetectionFile,
): { ok: true; value: Detection; generation: Generation } | { ok: false; issues: z.core.$ZodIssue[]; generation: Generation } {
  const generation = detectGeneration(data);
  if (generation === 'escu6') {
    const r = escu6Schema.safeParse(data);
    return r.success ? { ok: true, value: fromEscu6(r.data, source), generation } : { ok: false, issues: r.error.issues, generation };
  }
  if (generation === 'contentctl5') {
    const r = newSchema.safeParse(data);
    return r.success ? { ok: true, value: fromNew(r.data, source), generation } : { ok: false, issues: r.error.issues, generation };
  }
  const r = oldSchema.safeParse(data);
  return r.success ? { ok: true, value: fromOld(r.data, source), generation } : { ok: false, issues: r.error.issues, generation };
}
