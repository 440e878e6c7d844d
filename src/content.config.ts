import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { catalogLoader } from './lib/content/loader';
import type {
  Baseline, DataSource, Detection, Investigation, Lookup, Macro, Playbook, Story,
} from './lib/content/model';
import type { Problem } from './lib/content/problems';

/*
 * Every collection is loaded from CONTENT_DIR (default ./content) in the security_content layout.
 * Input validation and the three-generation normalization run in src/schemas, where a failure
 * becomes a located problem instead of an exception; here z.custom only carries the model type.
 */
const typed = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const collections = {
  detections: defineCollection({ loader: catalogLoader<Detection>('detections', (d) => d.id), schema: typed<Detection>() }),
  stories: defineCollection({ loader: catalogLoader<Story>('stories', (s) => s.slug), schema: typed<Story>() }),
  macros: defineCollection({ loader: catalogLoader<Macro>('macros', (m) => m.name), schema: typed<Macro>() }),
  lookups: defineCollection({ loader: catalogLoader<Lookup>('lookups', (l) => l.name), schema: typed<Lookup>() }),
  dataSources: defineCollection({ loader: catalogLoader<DataSource>('dataSources', (d) => d.id), schema: typed<DataSource>() }),
  baselines: defineCollection({ loader: catalogLoader<Baseline>('baselines', (b) => b.id), schema: typed<Baseline>() }),
  investigations: defineCollection({ loader: catalogLoader<Investigation>('investigations', (i) => i.id), schema: typed<Investigation>() }),
  playbooks: defineCollection({ loader: catalogLoader<Playbook>('playbooks', (p) => p.slug), schema: typed<Playbook>() }),
  problems: defineCollection({
    loader: catalogLoader<Problem>('problems', (p) => `${p.file}:${p.line ?? 0}:${p.column ?? 0}:${p.code}:${p.field ?? ''}:${p.message}`),
    schema: typed<Problem>(),
  }),
};
