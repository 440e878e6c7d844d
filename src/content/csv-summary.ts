import { Parser } from 'csv-parse';
import type { LookupData } from './schemas/lookup.ts';
import { showControl } from '../lib/text/clean.ts';

/** Rows of a lookup CSV shown on its page; the rest is only counted. */
export const LOOKUP_PREVIEW_ROWS = 20;
/**
 * Bytes of a lookup CSV read at most, well above the corpus's largest. A larger file is
 * published with its first rows and a lower bound of its row count.
 */
export const MAX_CSV_BYTES = 8 * 1024 * 1024;
/** Slice fed to the parser at a time, so only the rows shown are ever kept. */
const CHUNK = 256 * 1024;

export type CsvSummary =
  | { data: LookupData; bad: { line: number; columns: number } | null }
  | { error: string };

interface IncrementalApi {
  parse(buf: Buffer | undefined, end: boolean, push: (r: string[]) => void, close: () => void): Error | undefined;
}

/**
 * What a lookup page shows of a CSV: header, first rows, row count, and the first ragged row
 * (whose line a warning names). `bytes` is the file's start when `truncated`: the row count is
 * then what that start holds (a lower bound) and the cut last row is not counted. csv-parse's
 * streaming parser is fed slice by slice through its incremental core (the one its Transform
 * stream runs), so memory stays at the rows kept, whatever the file holds.
 */
export function summarizeCsv(bytes: Uint8Array, truncated = false): CsvSummary {
  const api = (new Parser({ relax_column_count: true, skip_empty_lines: true, bom: true, relax_quotes: true }) as unknown as { api: IncrementalApi }).api;
  let header: string[] | null = null;
  const rows: string[][] = [];
  let rowCount = 0;
  let bad: { line: number; columns: number } | null = null;
  const push = (r: string[]) => {
    if (!header) {
      header = r;
      return;
    }
    rowCount++;
    if (!bad && r.length !== header.length) bad = { line: rowCount + 1, columns: r.length };
    if (rows.length < LOOKUP_PREVIEW_ROWS) rows.push(r);
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    for (let at = 0; at < buf.length; at += CHUNK) {
      const err = api.parse(buf.subarray(at, Math.min(buf.length, at + CHUNK)), false, push, () => undefined);
      if (err) throw err;
    }
    // A cut file ends mid-row: that row is neither parsed nor counted.
    if (!truncated) {
      const err = api.parse(undefined, true, push, () => undefined);
      if (err) throw err;
    }
  } catch (e) {
    if (!truncated || !header) return { error: (e as Error).message.split('\n')[0] };
  }
  const h: string[] = header ?? [];
  return {
    data: { header: h.map((x) => showControl(x.trim())), rows: rows.map((r) => r.map(showControl)), rowCount, ...(truncated ? { rowCountAtLeast: true } : {}) },
    bad,
  };
}
