import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { catalogLoader } from './build/loader';
import type {
  Baseline, Common, DataSource, Detection, Investigation, Lookup, Macro, Playbook, Story,
} from './content/model';
import { problemKey, type Problem } from './content/problems';

/*
 * Every collection is loaded from CONTENT_DIR (default ./content) in the security_content layout.
 * Input validation and the three-generation normalization run in src/content/schemas, where a failure
 * becomes a located problem instead of an exception.
 *
 * The store keeps a summary of each entry (the schemas below): enough to list and filter the
 * content with getCollection(). Pages read the full, normalized entries through `catalog()`
 * (src/domain/catalog/index.ts), which holds the same load the loaders synced; the loader
 * explains why the whole model stays out of the store.
 */
const summary = z.object({
  name: z.string(),
  /** Path relative to CONTENT_DIR. */
  filePath: z.string(),
  date: z.string().nullable(),
});
const common = (e: Common) => ({ name: e.name, filePath: e.filePath, date: e.date });

export const collections = {
  detections: defineCollection({
    loader: catalogLoader<Detection>('detections', (d) => d.id, (d) => ({ ...common(d), type: d.type, status: d.status })),
    schema: summary.extend({
      type: z.enum(['TTP', 'Anomaly', 'Hunting', 'Correlation']),
      status: z.enum(['production', 'experimental', 'deprecated', 'validation', 'removed']),
    }),
  }),
  stories: defineCollection({ loader: catalogLoader<Story>('stories', (s) => s.slug, (s) => ({ ...common(s), status: s.status })), schema: summary.extend({ status: z.enum(['production', 'deprecated']) }) }),
  macros: defineCollection({ loader: catalogLoader<Macro>('macros', (m) => m.name, common), schema: summary }),
  lookups: defineCollection({ loader: catalogLoader<Lookup>('lookups', (l) => l.name, common), schema: summary }),
  dataSources: defineCollection({ loader: catalogLoader<DataSource>('dataSources', (d) => d.id, common), schema: summary }),
  baselines: defineCollection({ loader: catalogLoader<Baseline>('baselines', (b) => b.id, (b) => ({ ...common(b), status: b.status })), schema: summary.extend({ status: z.enum(['production', 'deprecated']) }) }),
  investigations: defineCollection({ loader: catalogLoader<Investigation>('investigations', (i) => i.id, common), schema: summary }),
  playbooks: defineCollection({ loader: catalogLoader<Playbook>('playbooks', (p) => p.slug, common), schema: summary }),
  problems: defineCollection({
    loader: catalogLoader<Problem>(
      'problems',
      problemKey,
      (p) => ({ severity: p.severity, code: p.code, file: p.file, line: p.line, field: p.field, message: p.message }),
    ),
    schema: z.object({
      severity: z.enum(['error', 'warning']),
      code: z.string(),
      file: z.string(),
      line: z.number().nullable(),
      field: z.string().nullable(),
      message: z.string(),
    }),
  }),
};
