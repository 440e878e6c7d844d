import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DIST, corpus } from './corpus';

/**
 * The machine-readable catalog over the real corpus, checked against the shapes README.md
 * documents (contentctl's API names plus our `catalog` view): every object present, every
 * documented field of the documented type.
 */
const read = (p: string) => JSON.parse(readFileSync(join(DIST, p), 'utf8'));
const str = z.string();
const strs = z.array(z.string());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const url = z.string().regex(/^https?:\/\//);

const Detection = z.object({
  name: str,
  author: str.nullable(),
  date: date.nullable(),
  version: z.number().int(),
  id: z.string().regex(/^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
  description: str,
  tags: z.object({
    analytic_story: strs,
    asset_type: str.nullable(),
    security_domain: str.nullable(),
    product: strs,
    mitre_attack_id: strs,
    cve: strs,
    kill_chain_phases: strs,
    nist: strs,
    cis20: strs,
    risk_score: z.number().int().nullable(),
    message: str.nullable(),
    confidence: z.number().optional(),
    impact: z.number().optional(),
    mitre_attack_enrichments: z.array(
      z.object({ mitre_attack_id: str, mitre_attack_technique: str, mitre_attack_tactics: strs }),
    ),
  }),
  search: str,
  how_to_implement: str.nullable(),
  known_false_positives: str.nullable(),
  references: strs,
  datamodel: strs,
  macros: z.array(z.object({ name: str, definition: str, description: str.nullable(), arguments: strs.optional() })),
  lookups: z.array(z.object({ name: str })),
  source: str,
  nes_fields: str.nullable(),
  catalog: z.object({
    url,
    type: z.enum(['TTP', 'Anomaly', 'Hunting', 'Correlation']),
    status: z.enum(['production', 'experimental', 'deprecated']),
    folder: str,
    format: str,
    created: date.nullable(),
    updated: date.nullable(),
    file_path: str.regex(/^detections\/.+\.yml$/),
    data_sources: strs,
    techniques: z.array(z.object({ id: str, name: str.nullable(), tactics: strs, known: z.boolean() })),
    tactics: strs,
    data_models: strs,
    risk_score: z.number().int().nullable(),
    severity: str.nullable(),
    rba: z
      .object({
        message: str.nullable(),
        risk_objects: z.array(z.object({ field: str, type: str, score: z.number() })),
        threat_objects: z.array(z.object({ field: str, type: str })),
      })
      .nullable(),
    drilldowns: z.array(z.object({ name: str, search: str })),
    tests: z.array(
      z.object({
        name: str,
        attack_data: z.array(z.object({ data: str, source: str.nullable(), sourcetype: str.nullable() })),
      }),
    ),
  }),
});

describe('JSON API over the corpus', () => {
  const { detections } = read('api/detections.json') as { detections: unknown[] };

  it('detections.json holds every detection, each of the documented shape', () => {
    expect(detections).toHaveLength(corpus().detections.length);
    const bad = detections
      .map((d, i) => [i, Detection.safeParse(d)] as const)
      .filter(([, r]) => !r.success)
      .map(([i, r]) => `${(detections[i] as { name: string }).name}: ${JSON.stringify(r.error!.issues.slice(0, 2))}`);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(detections.map((d) => (d as { id: string }).id)).size).toBe(detections.length);
  });

  it('each /api/detections/<id>.json equals its element of the list', () => {
    for (const d of detections as { id: string }[]) expect(read(`api/detections/${d.id}.json`)).toEqual(d);
  });

  it('stories, macros, lookups and data sources keep contentctl wrappers and counts', () => {
    const c = corpus();
    const stories = read('api/stories.json').stories as {
      name: string;
      detection_names: string[];
      catalog: { detection_ids: string[] };
    }[];
    expect(stories).toHaveLength(c.stories.length);
    for (const s of stories) {
      expect(s.detection_names.sort()).toEqual(
        c.detections
          .filter((d) => d.stories.includes(s.name))
          .map((d) => d.name)
          .sort(),
      );
      expect(s.catalog.detection_ids).toHaveLength(s.detection_names.length);
    }
    expect(
      z
        .array(z.object({ name: str, definition: str, description: str.nullable() }))
        .parse(read('api/macros.json').macros),
    ).toHaveLength(c.macros.length);
    expect(
      z
        .array(z.object({ name: str, filename: str.nullable(), catalog: z.object({ lookup_type: str, fields: strs }) }))
        .parse(read('api/lookups.json').lookups),
    ).toHaveLength(c.lookups.length);
    expect(
      z
        .array(
          z.object({
            name: str,
            id: str,
            sourcetype: str.nullable(),
            supported_TA: z.array(z.unknown()),
            catalog: z.object({ url, detections: z.array(z.unknown()) }),
          }),
        )
        .parse(read('api/data_sources.json').data_sources),
    ).toHaveLength(c.dataSources.length);
  });

  it('detections.csv has a row per detection with the documented columns, agreeing with the JSON', () => {
    const rows = parseCsv(readFileSync(join(DIST, 'api', 'detections.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(detections.length);
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'name',
      'folder',
      'type',
      'status',
      'created',
      'updated',
      'techniques',
      'tactics',
      'stories',
      'data_sources',
      'risk_score',
      'severity',
      'url',
    ]);
    const byId = new Map((detections as z.infer<typeof Detection>[]).map((d) => [d.id, d]));
    for (const r of rows) {
      const d = byId.get(r.id)!;
      expect(r.name.replace(/^'/, '')).toBe(d.name);
      expect(r.techniques).toBe(d.tags.mitre_attack_id.join('; '));
      expect(r.risk_score).toBe(d.catalog.risk_score === null ? '' : String(d.catalog.risk_score));
      expect(r.url).toBe(d.catalog.url);
    }
  });
});
