import { z } from 'zod';
import type { Macro } from '../lib/content/model';
import { commonOptionalMeta, isoDate, requiredText, strList } from './common';
import { run, type Facts } from './result';

const schema = z.object({
  ...commonOptionalMeta,
  creation_date: isoDate.nullish(),
  modification_date: isoDate.nullish(),
  definition: requiredText('definition'),
  arguments: strList,
});

export function parseMacro(data: unknown, f: Facts) {
  return run(schema, data, (d): Macro => ({
    kind: 'macro',
    id: d.id,
    name: d.name.trim(),
    version: d.version,
    date: d.modification_date ?? d.date,
    created: d.creation_date ?? null,
    author: d.author,
    description: d.description,
    references: d.references,
    filePath: f.filePath,
    raw: f.raw,
    definition: d.definition,
    arguments: d.arguments,
  }));
}
