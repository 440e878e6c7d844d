import type { DetectionHistory } from '../history/index.ts';
import type { CatalogHistory } from '../history/catalog.ts';
import type { DataSource, Detection, Lookup, Macro, Story } from '../../content/model.ts';
import type { DetectionRefs, Indexes } from '../catalog/indexes.ts';
import { deriveDataModels } from '../spl/analyze.ts';
import { paths } from '../urls/index.ts';

/**
 * The machine-readable catalog. Each object keeps the field names and nesting of contentctl's
 * API output (`{"detections": [...]}` with `tags`, `datamodel`, `macros`, `lookups`, `source`),
 * so tools written for the old content API keep working, and adds our normalized view under
 * `catalog`.
 */

export interface ApiContext {
  ix: Indexes;
  /** Absolute URL of a site path. */
  url: (path: string) => string;
}

const macroApi = (m: Macro) => ({
  name: m.name,
  definition: m.definition,
  description: m.description,
  ...(m.arguments.length ? { arguments: m.arguments } : {}),
});

export function lookupApi(l: Lookup) {
  return {
    name: l.name,
    description: l.description,
    filename: l.filename,
    collection: l.collection,
    fields_list: l.lookupType === 'kvstore' ? l.fields.join(', ') : null,
    default_match: l.defaultMatch,
    match_type: l.matchType.length ? l.matchType.join(', ') : null,
    min_matches: l.minMatches,
    case_sensitive_match: l.caseSensitiveMatch === null ? null : String(l.caseSensitiveMatch),
    catalog: {
      lookup_type: l.lookupType,
      fields: l.fields,
      rows: l.rowCount,
      max_matches: l.maxMatches,
      file_path: l.filePath,
    },
  };
}

export function detectionApi(d: Detection, f: DetectionRefs, ctx: ApiContext) {
  const legacy = d.rba?.legacy;
  return {
    name: d.name,
    author: d.author,
    date: d.date,
    version: d.version,
    id: d.id,
    description: d.description,
    tags: {
      analytic_story: d.stories,
      asset_type: d.assetType,
      security_domain: d.securityDomain,
      product: d.products,
      mitre_attack_id: d.mitreIds,
      cve: d.cves,
      atomic_guid: d.atomicGuids,
      group: d.groups,
      manual_test: d.manualTest,
      required_fields: d.requiredFields,
      kill_chain_phases: f.killChain,
      nist: d.nist,
      cis20: d.cis20,
      risk_score: d.riskScore,
      message: d.rba?.message ?? null,
      ...(legacy ? { confidence: legacy.confidence, impact: legacy.impact } : {}),
      mitre_attack_enrichments: f.techniques
        .filter((t) => t.known)
        .map((t) => ({
          mitre_attack_id: t.id,
          mitre_attack_technique: t.name,
          mitre_attack_tactics: t.tactics.map((x) => x.name),
        })),
    },
    search: d.search,
    how_to_implement: d.howToImplement,
    known_false_positives: d.knownFalsePositives,
    references: d.references,
    datamodel: deriveDataModels(d.search),
    macros: f.macros.filter((m) => m.macro).map((m) => macroApi(m.macro!)),
    lookups: f.lookups.filter((l) => l.lookup).map((l) => lookupApi(l.lookup!)),
    source: d.folder,
    nes_fields: null,
    catalog: {
      url: ctx.url(paths.detection(d)),
      type: d.type,
      status: d.status,
      folder: d.folder,
      format: d.generation,
      created: d.created,
      updated: d.date,
      file_path: d.filePath,
      data_sources: d.dataSources,
      techniques: f.techniques.map((t) => ({
        id: t.id,
        name: t.name,
        tactics: t.tactics.map((x) => x.name),
        known: t.known,
      })),
      tactics: f.tactics.map((t) => t.name),
      data_models: f.dataModels.map((m) => (m.dataset ? `${m.model}.${m.dataset}` : m.model)),
      risk_score: d.riskScore,
      severity: d.severity,
      rba: d.rba && {
        message: d.rba.message,
        risk_objects: d.rba.riskObjects.map((r) => ({ field: r.field, type: r.type, score: r.score })),
        threat_objects: d.rba.threatObjects.map((t) => ({ field: t.field, type: t.type })),
      },
      drilldowns: d.drilldowns.map((x) => ({
        name: x.name,
        search: x.search,
        earliest_offset: x.earliest,
        latest_offset: x.latest,
      })),
      tests: d.tests.map((t) => ({
        name: t.name,
        attack_data: t.attackData.map((a) => ({ data: a.data, source: a.source, sourcetype: a.sourcetype })),
      })),
    },
  };
}

export function storyApi(s: Story, ctx: ApiContext) {
  const dets = ctx.ix.detectionsByStory.get(s.name) ?? [];
  return {
    name: s.name,
    author: s.author,
    date: s.date,
    version: s.version,
    id: s.id,
    description: s.description,
    narrative: s.narrative,
    references: s.references,
    tags: { category: s.categories, product: s.products, usecase: s.usecase, cve: s.cves, group: s.groups },
    detection_names: dets.map((d) => d.name),
    investigation_names: (ctx.ix.investigationsByStory.get(s.name) ?? []).map((i) => i.name),
    baseline_names: (ctx.ix.baselinesByStory.get(s.name) ?? []).map((b) => b.name),
    detections: dets.map((d) => ({
      name: d.name,
      source: d.folder,
      type: d.type,
      tags: (ctx.ix.refs.get(d.id)?.techniques ?? [])
        .filter((t) => t.known)
        .map((t) => ({ mitre_attack_id: t.id, mitre_attack_technique: t.name })),
    })),
    catalog: { url: ctx.url(paths.story(s)), slug: s.slug, status: s.status, detection_ids: dets.map((d) => d.id) },
  };
}

export function dataSourceApi(ds: DataSource, ctx: ApiContext) {
  return {
    name: ds.name,
    id: ds.id,
    author: ds.author,
    date: ds.date,
    version: ds.version,
    description: ds.description,
    source: ds.source,
    sourcetype: ds.sourcetype,
    separator: ds.separator,
    configuration: ds.configuration,
    supported_TA: ds.supportedTa,
    fields: ds.fields,
    output_fields: ds.outputFields,
    catalog: {
      url: ctx.url(paths.dataSource(ds)),
      detections: (ctx.ix.detectionsByDataSource.get(ds.name) ?? []).map((d) => d.id),
    },
  };
}

export { macroApi };

type DetectionRecord = ReturnType<typeof detectionApi>;

/** A detection's versions for `/api/detections/<id>.json`: newest first, as the History section lists them. */
export function historyApi(h: DetectionHistory) {
  return h.entries
    .filter((e) => e.kind !== 'removed')
    .map((e) => ({
      commit: e.commit,
      date: e.date,
      version: e.version,
      release: e.release,
      changes: e.kind === 'changed' ? e.changes : [e.kind],
      subject: e.subject,
    }));
}

/** The record of `/api/detections/<id>.json`: the list's record with its history, and its removal. */
export function detectionFileApi(record: DetectionRecord, h: DetectionHistory | null): DetectionRecord {
  if (!h) return record;
  const catalog = { ...record.catalog, history: historyApi(h) };
  if (h.removed) Object.assign(catalog, { status: 'removed', removed: h.removed });
  return { ...record, catalog };
}

/** `/api/releases.json`: each release with the detection ids it added, updated, deprecated and removed. */
export function releasesApi(history: CatalogHistory | null) {
  const ids = (l: readonly { key: string }[]) => l.map((i) => i.key.toLowerCase());
  return {
    releases: (history?.releases ?? []).map((r) => ({
      tag: r.tag,
      date: r.date,
      commit: r.commit,
      previous: r.previous,
      detections: {
        added: ids(r.detections.added),
        // Every id in both tags whose file differs; those it deprecated are listed on their own too.
        updated: [...ids(r.detections.updated), ...ids(r.detections.deprecated)].sort(),
        deprecated: ids(r.detections.deprecated),
        removed: ids(r.detections.removed),
      },
    })),
  };
}
