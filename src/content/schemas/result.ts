import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: z.core.$ZodIssue[] };

export interface SourceFile {
  filePath: string;
  raw: string;
  /** File name without `.yml`. */
  stem: string;
  /** Folder under the type folder, e.g. `deprecated` for stories/deprecated/x.yml; '' at top level. */
  subfolder: string;
}

/** Runs an input schema and, on success, the transform into the model. */
export function run<S extends z.ZodType, T>(schema: S, data: unknown, toModel: (d: z.output<S>) => T): Parsed<T> {
  const r = schema.safeParse(data);
  return r.success ? { ok: true, value: toModel(r.data) } : { ok: false, issues: r.error.issues };
}

/** The metadata every model shares, read the same way for every type and generation. */
export function commonOf(
  d: { id?: string | null; name: string; version?: number | null; date?: string | null; creation_date?: string | null; modification_date?: string | null; author?: string | null; description?: string | null; references: string[] },
  source: SourceFile,
) {
  return {
    id: d.id ?? null,
    name: d.name.trim(),
    version: d.version ?? null,
    date: d.modification_date ?? d.date ?? null,
    created: d.creation_date ?? null,
    author: d.author ?? null,
    description: d.description ?? '',
    references: d.references,
    filePath: source.filePath,
    raw: source.raw,
  };
}
