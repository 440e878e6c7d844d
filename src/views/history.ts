import jsyaml from 'js-yaml';
import { changedSpan } from '../lib/text/mark-range.ts';
import type { HistoryEntryKind } from '../content/git-history.ts';
import type { PreparedHistory } from '../domain/history/catalog.ts';
import {
  fieldDiff,
  same,
  lineDiff,
  type ChangeWord,
  type DetectionHistory,
  type DiffBlock,
  type HistoryItem,
} from '../domain/history/index.ts';

/** One line of a diff as a page lays it out; a gap stands for unchanged lines left out. */
export type DiffRow =
  | {
      op: 'same' | 'add' | 'del';
      text: string;
      /** For a line changed in place (a removed line paired with its added one): the part that differs. */
      mark?: [number, number];
    }
  | { op: 'gap'; text: ''; skipped: number };

export interface FieldDiffView {
  /** What the diff is of, for its heading: "Search", "Description", "Other fields". */
  label: string;
  lang: 'spl' | 'yaml' | 'text';
  rows: DiffRow[];
  added: number;
  removed: number;
  /** The versions were too different to align: every old line is shown removed, every new one added. */
  gaveUp: boolean;
}

export interface HistoryEntryView {
  commit: string;
  /** The commit's date and time as git gives it (ISO 8601), and its day for people. */
  date: string;
  day: string;
  version: string | number | null;
  release: string | null;
  kind: HistoryEntryKind;
  changes: ChangeWord[];
  subject: string;
  /** Where the last version was, for a move. */
  from: string | null;
  path: string;
  diffs: FieldDiffView[];
}

export interface DetectionHistoryView {
  /** Newest first. */
  entries: HistoryEntryView[];
  newIn: string | null;
  updatedIn: string[];
  removed: DetectionHistory['removed'];
  /** The first commit the history has: before it, the repository's past is not known. */
  since: string | null;
}

/** An entity kind the history follows. */
export type HistoryKind = 'detections' | 'stories' | 'macros';

/**
 * Per kind, the text fields shown as their own diff (a search or a macro definition highlighted
 * as SPL); everything else a version changed is one YAML diff.
 */
const TEXT_FIELDS: Record<HistoryKind, readonly (readonly [string, string, 'spl' | 'text'])[]> = {
  detections: [
    ['search', 'Search', 'spl'],
    ['description', 'Description', 'text'],
    ['how_to_implement', 'How to implement', 'text'],
    ['known_false_positives', 'Known false positives', 'text'],
  ],
  stories: [
    ['description', 'Description', 'text'],
    ['narrative', 'Narrative', 'text'],
  ],
  macros: [
    ['definition', 'Definition', 'spl'],
    ['description', 'Description', 'text'],
  ],
};
/** Change on every edit, and shown as the entry's own version and date. */
const BOOKKEEPING = new Set(['version', 'date', 'creation_date', 'modification_date']);

function rows(blocks: readonly DiffBlock[]): DiffRow[] {
  const out = blocks.flatMap((b): DiffRow[] =>
    b.type === 'folded'
      ? [{ op: 'gap', text: '', skipped: b.lines.length }]
      : b.lines.map((l) => ({ op: l.op, text: l.text })),
  );
  markChanges(out);
  return out;
}

/**
 * Removed lines followed by as many added ones are the same lines edited: each pair gets the
 * span that differs marked, so a one-token edit of a long line shows where it is.
 */
export function markChanges(rows: DiffRow[]): void {
  let i = 0;
  while (i < rows.length) {
    if (rows[i].op !== 'del') {
      i++;
      continue;
    }
    let dels = i;
    while (dels < rows.length && rows[dels].op === 'del') dels++;
    let adds = dels;
    while (adds < rows.length && rows[adds].op === 'add') adds++;
    if (adds - dels === dels - i)
      for (let k = 0; k < dels - i; k++) {
        const [a, b] = [rows[i + k], rows[dels + k]];
        if (a.op === 'gap' || b.op === 'gap') continue;
        const span = changedSpan(a.text, b.text);
        if (span) {
          a.mark = span.before;
          b.mark = span.after;
        }
      }
    i = adds;
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The keys of two versions that differ, but the text fields and the bookkeeping, with their
 * values on each side; within a map on both sides (`tags`) only the keys that differ. The diff
 * then shows what changed rather than the whole file, and the build serializes and highlights
 * a few lines per version instead of every field of every version.
 */
export function changedRest(
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
  kind: HistoryKind = 'detections',
): [Record<string, unknown>, Record<string, unknown>] {
  const a: Record<string, unknown> = {};
  const b: Record<string, unknown> = {};
  const text = new Set(TEXT_FIELDS[kind].map(([k]) => k));
  for (const key of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (text.has(key) || BOOKKEEPING.has(key) || same(prev[key], next[key])) continue;
    const [x, y] = [prev[key], next[key]];
    if (isMap(x) && isMap(y)) {
      const inner: [Record<string, unknown>, Record<string, unknown>] = [{}, {}];
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)]))
        if (!same(x[k], y[k])) {
          if (k in x) inner[0][k] = x[k];
          if (k in y) inner[1][k] = y[k];
        }
      // A side left with nothing differing shows no map at all, rather than `key: {}`.
      if (Object.keys(inner[0]).length) a[key] = inner[0];
      if (Object.keys(inner[1]).length) b[key] = inner[1];
    } else {
      if (key in prev) a[key] = x;
      if (key in next) b[key] = y;
    }
  }
  return [a, b];
}

/** js-yaml rather than the stack's `yaml`: several times faster here, over thousands of versions a build. */
const asYaml = (data: Record<string, unknown>) =>
  Object.keys(data).length === 0 ? null : jsyaml.dump(data, { sortKeys: true, lineWidth: -1, noRefs: true });

/** The diffs of one version against the one before it: the text fields it changed, then the rest. */
export function entryDiffs(item: HistoryItem, kind: HistoryKind = 'detections'): FieldDiffView[] {
  const prev = item.previous?.data ?? null;
  const next = item.data;
  if (item.kind !== 'changed' || !prev || !next) return [];
  const out: FieldDiffView[] = [];
  for (const [field, label, lang] of TEXT_FIELDS[kind]) {
    const d = fieldDiff(prev, next, field);
    if (!d.identical)
      out.push({ label, lang, rows: rows(d.blocks), added: d.added, removed: d.removed, gaveUp: d.gaveUp });
  }
  const [before, after] = changedRest(prev, next, kind);
  const other = lineDiff(asYaml(before), asYaml(after));
  if (!other.identical) {
    out.push({
      label: 'Other fields',
      lang: 'yaml',
      rows: rows(other.blocks),
      added: other.added,
      removed: other.removed,
      gaveUp: other.gaveUp,
    });
  }
  return out;
}

/** What the History section of a detection page (or a story's or macro's) shows, diffs included. */
export function detectionHistoryView(
  h: DetectionHistory,
  since: string | null,
  kind: HistoryKind = 'detections',
): DetectionHistoryView {
  return {
    entries: h.entries.map((e) => ({
      commit: e.commit,
      date: e.date,
      day: e.date.slice(0, 10),
      version: e.version,
      release: e.release,
      kind: e.kind,
      changes: e.changes,
      subject: e.subject,
      from: e.previous && e.previous.path !== e.path ? e.previous.path : null,
      path: e.path,
      diffs: entryDiffs(e, kind),
    })),
    newIn: h.newIn,
    updatedIn: h.updatedIn,
    removed: h.removed,
    since,
  };
}

/** Every History section of a prepared history, by kind and key (as its timelines are keyed). */
export type HistoryViews = Record<HistoryKind, Map<string, DetectionHistoryView>>;

/**
 * `kept`, when given, returns a section made before for the same timeline (a build's cache,
 * src/build/history-views-cache.ts), so only new and changed timelines are diffed again.
 */
export function historyViews(
  p: PreparedHistory,
  kept?: (kind: HistoryKind, t: DetectionHistory) => DetectionHistoryView | undefined,
): HistoryViews {
  const of = (kind: HistoryKind) =>
    new Map([...p.timelines[kind]].map(([k, t]) => [k, kept?.(kind, t) ?? detectionHistoryView(t, p.since, kind)]));
  return { detections: of('detections'), stories: of('stories'), macros: of('macros') };
}
