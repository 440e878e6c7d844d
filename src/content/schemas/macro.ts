import { z } from 'zod';
import type { Macro } from '../model.ts';
import { commonOptionalMeta, isoDate, requiredText, safeSegment, strList } from './common.ts';
import { commonOf, run, type SourceFile } from './result.ts';

const schema = z.object({
  ...commonOptionalMeta,
  creation_date: isoDate.nullish(),
  modification_date: isoDate.nullish(),
  definition: requiredText('definition'),
  arguments: strList,
});

export function parseMacro(data: unknown, source: SourceFile) {
  return run(schema, data, (d): Macro => ({
    kind: 'macro',
    ...commonOf(d, source),
    slug: safeSegment(d.name.trim()),
    definition: d.definition,
    arguments: d.arguments,
  }));
}
