import { z } from 'zod';
import type { Baseline, Investigation } from '../model.ts';
import { commonRequiredMeta, dedupe, optText, reqStrList, requiredText, strList, uuid, optionalProse } from './common.ts';
import { commonOf, run, type SourceFile } from './result.ts';

const searchBody = {
  ...commonRequiredMeta,
  id: uuid,
  search: requiredText('search', 4),
  // Old investigations leave these empty (''), which contentctl 4 accepted.
  how_to_implement: optionalProse('how_to_implement'),
  known_false_positives: optionalProse('known_false_positives'),
};

const baselineSchema = z.object({
  ...searchBody,
  status: z.enum(['production', 'deprecated'], { error: 'status must be production or deprecated' }).nullish(),
  tags: z.object(
    {
      analytic_story: reqStrList('analytic_story'),
      detections: strList,
      product: strList,
      security_domain: optText,
      required_fields: strList,
    },
    { error: 'required tags block is missing' },
  ),
});

const investigationSchema = z.object({
  ...searchBody,
  tags: z.object(
    {
      analytic_story: reqStrList('analytic_story'),
      product: strList,
      security_domain: optText,
      required_fields: strList,
    },
    { error: 'required tags block is missing' },
  ),
});

function searchObjectOf(d: z.output<typeof investigationSchema>, source: SourceFile) {
  return {
    ...commonOf(d, source),
    id: d.id,
    search: d.search.replace(/\n$/, ''),
    howToImplement: d.how_to_implement,
    knownFalsePositives: d.known_false_positives,
    stories: dedupe(d.tags.analytic_story),
    products: d.tags.product,
    securityDomain: d.tags.security_domain,
    requiredFields: d.tags.required_fields,
  };
}

export function parseBaseline(data: unknown, source: SourceFile) {
  return run(baselineSchema, data, (d): Baseline => ({
    kind: 'baseline',
    ...searchObjectOf(d, source),
    status: d.status ?? (source.subfolder.split('/').includes('deprecated') ? 'deprecated' : 'production'),
    detections: dedupe(d.tags.detections),
  }));
}

export function parseInvestigation(data: unknown, source: SourceFile) {
  return run(investigationSchema, data, (d): Investigation => ({ kind: 'investigation', ...searchObjectOf(d, source) }));
}
