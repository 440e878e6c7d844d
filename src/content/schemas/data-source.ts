import { z } from 'zod';
import type { DataSource } from '../model.ts';
import { commonRequiredMeta, isoDate, optText, requiredText, strList, uuid } from './common.ts';
import { commonOf, run, type SourceFile } from './result.ts';

const supportedTa = z.object({
  name: requiredText('supported_TA name'),
  url: optText,
  // Unquoted versions such as 4.1 parse as numbers; keep what the author meant.
  version: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v))),
});

const schema = z.object({
  ...commonRequiredMeta,
  id: uuid,
  date: isoDate.nullish(),
  creation_date: isoDate.nullish(),
  modification_date: isoDate.nullish(),
  source: optText,
  sourcetype: optText,
  separator: optText,
  separator_value: optText,
  configuration: optText,
  supported_TA: z.array(supportedTa).nullish().transform((v) => v ?? []),
  fields: strList,
  output_fields: strList,
  example_log: optText,
  mitre_components: strList,
}).superRefine((d, ctx) => {
  if (!d.date && !d.modification_date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'required date is missing' });
});

export function parseDataSource(data: unknown, source: SourceFile) {
  return run(schema, data, (d): DataSource => ({
    kind: 'data_source',
    ...commonOf(d, source),
    id: d.id,
    source: d.source,
    sourcetype: d.sourcetype,
    separator: d.separator,
    separatorValue: d.separator_value,
    configuration: d.configuration,
    supportedTa: d.supported_TA,
    fields: d.fields,
    outputFields: d.output_fields,
    exampleLog: d.example_log,
    mitreComponents: d.mitre_components,
  }));
}
