import { z } from 'zod';
import type { Lookup } from '../model.ts';
import { commonOptionalMeta, isoDate, looseBool, optText, safeSegment, strList } from './common.ts';
import { run, type SourceFile } from './result.ts';
import { lookupDownloadName } from '../lookup-file.ts';

/** Old lookups write `match_type` as one comma-separated string; split outside parentheses. */
export function splitMatchType(v: string | string[] | null | undefined): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v.map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of v) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

const schema = z.object({
  ...commonOptionalMeta,
  creation_date: isoDate.nullish(),
  modification_date: isoDate.nullish(),
  lookup_type: z.enum(['csv', 'kvstore', 'mlmodel'], { error: 'lookup_type must be csv, kvstore or mlmodel' }).nullish(),
  filename: optText,
  collection: optText,
  fields_list: optText,
  // contentctl 5 writes KV-store fields as a list; one corpus lookup carries a stray string.
  fields: z.union([strList, z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))]),
  match_type: z.union([z.string(), z.array(z.string())]).nullish(),
  default_match: z.union([z.string(), z.boolean()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v))),
  min_matches: z.number().int().min(0).nullish(),
  max_matches: z.number().int().min(1).nullish(),
  case_sensitive_match: looseBool,
});

export interface LookupData {
  header: string[];
  rows: string[][];
  rowCount: number;
  /** The file was larger than the read cap: `rowCount` is what its start holds, a lower bound. */
  rowCountAtLeast?: boolean;
  /** The file's size when it was read whole (and may be downloaded); null when only its start was. */
  bytes?: number | null;
}

/**
 * @param readData returns the parsed data file for a file name in lookups/, or null when absent.
 */
export function parseLookup(data: unknown, source: SourceFile, readData: (filename: string) => LookupData | null) {
  return run(schema, data, (d): Lookup => {
    // docs/content-format.md §13.1 row 10: collection → kvstore, .mlmodel → mlmodel, otherwise csv.
    const lookupType =
      d.lookup_type ?? (d.collection ? 'kvstore' : d.filename?.endsWith('.mlmodel') ? 'mlmodel' : 'csv');
    const filename =
      lookupType === 'kvstore' ? null : (d.filename ?? `${source.stem}.${lookupType === 'mlmodel' ? 'mlmodel' : 'csv'}`);
    const csv = filename && lookupType === 'csv' ? readData(filename) : null;
    const kvFields = d.fields_list ? d.fields_list.split(',').map((s) => s.trim()).filter(Boolean) : d.fields;
    return {
      kind: 'lookup',
      id: d.id,
      name: d.name.trim(),
      slug: safeSegment(d.name.trim()),
      version: d.version,
      date: d.modification_date ?? d.date,
      created: d.creation_date ?? null,
      author: d.author,
      description: d.description,
      references: d.references,
      filePath: source.filePath,
      raw: source.raw,
      lookupType,
      filename,
      collection: lookupType === 'kvstore' ? (d.collection ?? d.name.trim()) : null,
      fields: lookupType === 'kvstore' ? kvFields : (csv?.header ?? []),
      matchType: splitMatchType(d.match_type),
      defaultMatch: d.default_match,
      minMatches: d.min_matches ?? null,
      maxMatches: d.max_matches ?? null,
      caseSensitiveMatch: d.case_sensitive_match,
      preview: csv?.rows ?? [],
      rowCount: csv?.rowCount ?? null,
      rowCountAtLeast: csv?.rowCountAtLeast === true,
      download: filename && csv && typeof csv.bytes === 'number' ? { file: lookupDownloadName(filename), bytes: csv.bytes } : null,
    };
  });
}
