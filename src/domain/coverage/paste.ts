import type { MyData } from './data.ts';

/**
 * Sourcetypes pasted from Splunk, in any of the shapes people copy: one value per line, the
 * table of `| metadata type=sourcetypes index=*` or `| tstats count … by sourcetype [source]`
 * as shown in Splunk Web (tab or space separated) or exported as CSV (quoted or not), with
 * Windows line endings, a header row or none, and junk around it (the search itself, "Showing
 * 1-20 of 150", separators). A header naming `sourcetype` or `source` decides the columns;
 * without one, each line's first value that looks like a sourcetype or source is taken.
 */

export interface PasteItem {
  sourcetype: string | null;
  source: string | null;
  /** No header said which: the value may be either (it is in both fields). */
  either: boolean;
}

export interface ParsedPaste {
  items: PasteItem[];
  /** Lines that held nothing usable, as written (capped). */
  ignored: string[];
}

/** Caps on what is read: a paste is a few hundred lines; anything past these is dropped. */
export const MAX_PASTE_CHARS = 1_000_000;
export const MAX_PASTE_LINES = 20_000;
const MAX_VALUE = 300;
const MAX_IGNORED = 200;

/** Cells of one CSV record; quotes may hold commas and doubled quotes. */
export function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Cells of a line in whichever shape it has: tabs, CSV, a `|`-bordered table, or 2+ spaces. */
export function cells(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((s) => s.trim());
  if (/^\|.*\|$/.test(line) && line.length > 1)
    return line
      .slice(1, -1)
      .split('|')
      .map((s) => s.trim());
  // Space-aligned text first: its numbers may hold thousands separators ("48,512").
  if (/\S {2,}\S/.test(line) && !line.startsWith('"')) return line.split(/ {2,}/).map((s) => s.trim());
  return csvCells(line);
}

// A sourcetype or source: no quotes, no `=`, no pipes; sources may hold spaces, slashes, colons.
const VALUE = /^[\p{L}\p{N}_.:\-/\\@()[\]* ]+$/u;
const NUMBER = /^[\d.,\s]+$/;
const DATE = /^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}([ T][\d:.]+)?( ?[AP]M)?([ +-][\d:]+)?$/i;
const HEADER_WORDS = new Set([
  'sourcetype',
  'source',
  'count',
  'totalcount',
  'firsttime',
  'lasttime',
  'recenttime',
  'type',
  'index',
  'host',
]);

function usable(v: string): boolean {
  return (
    v.length > 0 &&
    v.length <= MAX_VALUE &&
    VALUE.test(v) &&
    !NUMBER.test(v) &&
    !DATE.test(v) &&
    !HEADER_WORDS.has(v.toLowerCase()) &&
    // A value has no inner run of spaces; a table row split on single spaces would.
    !/\s{2,}/.test(v) &&
    v !== 'sourcetypes'
  );
}

export function parsePaste(text: string): ParsedPaste {
  const lines = text
    .slice(0, MAX_PASTE_CHARS)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .slice(0, MAX_PASTE_LINES);
  const items = new Map<string, PasteItem>();
  const ignored: string[] = [];
  const ignore = (line: string) => {
    if (ignored.length < MAX_IGNORED) ignored.push(line.slice(0, MAX_VALUE));
  };
  let columns: { sourcetype: number; source: number } | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    // The search itself, or a Splunk Web line such as "Showing 1-20 of 150 results".
    if (/^\|?\s*(metadata|tstats|search|index\s*=)/i.test(line) || /^[-=|+\s]+$/.test(line)) {
      ignore(line);
      continue;
    }
    const row = cells(line);
    const lower = row.map((c) => c.toLowerCase());
    if (lower.includes('sourcetype') || lower.includes('source')) {
      columns = { sourcetype: lower.indexOf('sourcetype'), source: lower.indexOf('source') };
      continue;
    }
    let item: PasteItem | null = null;
    if (columns) {
      const st = columns.sourcetype >= 0 ? (row[columns.sourcetype] ?? '') : '';
      const src = columns.source >= 0 ? (row[columns.source] ?? '') : '';
      // Sourcetypes never hold a space; a footer line in the sourcetype column does.
      const sourcetype = usable(st) && !st.includes(' ') ? st : null;
      const source = usable(src) ? src : null;
      if (sourcetype || source) item = { sourcetype, source, either: false };
    } else {
      // Without a header a value with a space must look like a path ("Showing 1-20 of 150" does not).
      const ok = row.filter((c) => usable(c) && (!c.includes(' ') || /[:/\\]/.test(c)));
      const v = ok[0];
      if (v && ok.length === 1) item = { sourcetype: v, source: v, either: true };
    }
    if (!item) {
      ignore(line);
      continue;
    }
    const key = `${item.either ? 'e' : 'p'}\u0000${item.sourcetype ?? ''}\u0000${item.source ?? ''}`.toLowerCase();
    if (!items.has(key)) items.set(key, item);
  }
  return { items: [...items.values()], ignored };
}

/**
 * Compares sourcetypes and sources without case, and reads `XmlWinEventLog` as `WinEventLog`:
 * the Windows add-on writes one or the other depending on `renderXml`, for the same events.
 */
export function normalizeValue(v: string): string {
  return v
    .trim()
    .toLowerCase()
    .replace(/^xmlwineventlog/, 'wineventlog');
}

export interface PasteMatch {
  item: PasteItem;
  /** Indices into `data.sources`. */
  sources: number[];
}

/**
 * Data sources each pasted item stands for. A sourcetype with a source matches the data sources
 * with that sourcetype and that source (or none declared); one of them alone matches on that
 * field; a value without a header matches either field.
 */
export function matchPaste(
  data: MyData,
  items: readonly PasteItem[],
): { matched: PasteMatch[]; unmatched: PasteItem[] } {
  const st = data.sources.sourcetype.map(normalizeValue);
  const src = data.sources.source.map(normalizeValue);
  const matched: PasteMatch[] = [];
  const unmatched: PasteItem[] = [];
  for (const item of items) {
    const a = item.sourcetype ? normalizeValue(item.sourcetype) : null;
    const b = item.source ? normalizeValue(item.source) : null;
    const hits: number[] = [];
    for (let i = 0; i < st.length; i++) {
      const ok = item.either
        ? st[i] === a || src[i] === b
        : a !== null
          ? st[i] === a && (b === null || src[i] === '' || src[i] === b)
          : src[i] === b;
      if (ok) hits.push(i);
    }
    if (hits.length) matched.push({ item, sources: hits });
    else unmatched.push(item);
  }
  return { matched, unmatched };
}

/** How an item reads in a list: `sourcetype` or `sourcetype · source`. */
export function itemLabel(item: PasteItem): string {
  if (item.either) return item.sourcetype ?? '';
  return [item.sourcetype, item.source].filter(Boolean).join(' · ');
}

/** The Splunk search whose output the paste box reads best (sourcetype and source pairs). */
export const PASTE_SEARCH = '| tstats count where index=* by sourcetype source | fields sourcetype source count';
