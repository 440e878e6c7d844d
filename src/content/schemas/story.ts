import { z } from 'zod';
import type { Story } from '../model.ts';
import { commonRequiredMeta, dedupe, isoDate, optText, researchSlug, strList, uuid, proseText } from './common.ts';
import { commonOf, run, type SourceFile } from './result.ts';

/** Old stories keep categories in `tags.category`; ESCU-6 moves `category`/`usecase` to the top. */
const schema = z.object({
  ...commonRequiredMeta,
  id: uuid,
  date: isoDate.nullish(),
  creation_date: isoDate.nullish(),
  modification_date: isoDate.nullish(),
  status: z.enum(['production', 'deprecated'], { error: 'status must be production or deprecated' }).nullish(),
  narrative: proseText('narrative'),
  category: strList,
  usecase: optText,
  product: strList,
  tags: z
    .object({ category: strList, product: strList, usecase: optText, cve: strList, group: strList })
    .nullish(),
}).superRefine((d, ctx) => {
  if (!d.date && !d.modification_date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'required date is missing' });
});

export function parseStory(data: unknown, source: SourceFile) {
  return run(schema, data, (d): Story => ({
    kind: 'story',
    ...commonOf(d, source),
    id: d.id,
    slug: researchSlug(d.name.trim()),
    // Old stories have no status: the deprecated/ folder is what marked them (docs/content-format.md §13.1 row 7).
    status: d.status ?? (source.subfolder.split('/').includes('deprecated') ? 'deprecated' : 'production'),
    narrative: d.narrative,
    categories: dedupe([...(d.tags?.category ?? []), ...d.category]),
    usecase: d.tags?.usecase ?? d.usecase,
    products: dedupe([...(d.tags?.product ?? []), ...d.product]),
    cves: d.tags?.cve ?? [],
    groups: d.tags?.group ?? [],
  }));
}
