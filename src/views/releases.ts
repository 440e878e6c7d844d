import type { Catalog } from '../domain/catalog/index.ts';
import { CHANGE_WORDS, type ChangeWord } from '../domain/history/index.ts';
import type { ReleaseList, ReleaseNotes } from '../domain/history/catalog.ts';
import { paths } from '../domain/urls/index.ts';

/** An entity in a release's lists: its page when there is one (current, or a removed detection's). */
export interface ReleaseRow {
  key: string;
  name: string;
  /** Site path, or null when the entity has no page (a removed story or macro). */
  path: string | null;
  changes: ChangeWord[];
}

export type ReleaseRows = Record<keyof ReleaseList, ReleaseRow[]>;

export interface ReleaseView {
  tag: string;
  date: string;
  day: string;
  commit: string;
  previous: string | null;
  /** The tag after it, for the page's "next" link. */
  next: string | null;
  /** Not a release: what was merged after the newest one (tag `unreleased`, no page of its own). */
  pending: boolean;
  detections: ReleaseRows;
  stories: ReleaseRows;
  macros: ReleaseRows;
}

export interface ReleaseSummary {
  tag: string;
  day: string;
  counts: Record<'detections' | 'stories' | 'macros', Record<keyof ReleaseList, number>>;
}

type Kind = 'detections' | 'stories' | 'macros';

function rows(list: ReleaseList, path: (key: string, name: string) => string | null): ReleaseRows {
  const out = {} as ReleaseRows;
  for (const [k, items] of Object.entries(list) as [keyof ReleaseList, ReleaseList[keyof ReleaseList]][])
    out[k] = items.map((i) => ({ key: i.key, name: i.name, path: path(i.key, i.name), changes: i.changes }));
  return out;
}

/** Where each kind's entities link: their current page, or a removed detection's page. */
function linker(c: Catalog): Record<Kind, (key: string, name: string) => string | null> {
  const live = new Map(c.detections.map((d) => [d.id.toLowerCase(), d]));
  const removed = new Map((c.history?.removed ?? []).map((r) => [r.detection.id.toLowerCase(), r.detection]));
  return {
    detections: (key) => {
      const d = live.get(key) ?? removed.get(key);
      return d ? paths.detection(d) : null;
    },
    stories: (_key, name) => {
      const s = c.storyByName.get(name);
      return s ? paths.story(s) : null;
    },
    macros: (key) => {
      const m = c.macroByName.get(key);
      return m ? paths.macro(m) : null;
    },
  };
}

function view(c: Catalog, r: ReleaseNotes, next: string | null, pending: boolean): ReleaseView {
  const link = linker(c);
  return {
    tag: r.tag,
    date: r.date,
    day: r.date.slice(0, 10),
    commit: r.commit,
    previous: r.previous,
    next,
    pending,
    detections: rows(r.detections, link.detections),
    stories: rows(r.stories, link.stories),
    macros: rows(r.macros, link.macros),
  };
}

export function releaseViews(c: Catalog): ReleaseView[] {
  const notes = c.history?.releases ?? [];
  return notes.map((r, i) => view(c, r, i > 0 ? notes[i - 1].tag : null, false));
}

/** What was merged after the newest release, as a release-like list; null when nothing was. */
export function pendingView(c: Catalog): ReleaseView | null {
  const p = c.history?.pending;
  return p ? view(c, p, null, true) : null;
}

export function releaseSummaries(c: Catalog): ReleaseSummary[] {
  const count = (l: ReleaseList) => ({
    added: l.added.length,
    updated: l.updated.length,
    deprecated: l.deprecated.length,
    removed: l.removed.length,
  });
  return (c.history?.releases ?? []).map((r) => ({
    tag: r.tag,
    day: r.date.slice(0, 10),
    counts: { detections: count(r.detections), stories: count(r.stories), macros: count(r.macros) },
  }));
}

/** One group of a release's updated detections: those whose most telling change is `word`. */
export interface ChangeGroup {
  /** A change word, or null for versions that changed only the version, date or spacing. */
  word: ChangeWord | null;
  /** The first rows, in name order; `total` counts them all. */
  rows: ReleaseRow[];
  total: number;
}

/**
 * A release's updated detections grouped by what changed, so a release that touched every file
 * for one reason reads as one line, not a thousand "updated". Each detection sits in the group
 * of its first change word in the vocabulary's order (a search change says more than a
 * reference), and shows its other words beside it. Groups keep vocabulary order; the one without
 * any change of content comes last and lists nobody.
 */
export function changeGroups(rows: readonly ReleaseRow[], cap: number): ChangeGroup[] {
  const byWord = new Map<ChangeWord | null, ReleaseRow[]>();
  for (const r of rows) {
    const word = CHANGE_WORDS.find((w) => r.changes.includes(w)) ?? null;
    const list = byWord.get(word);
    if (list) list.push(r);
    else byWord.set(word, [r]);
  }
  return [...CHANGE_WORDS, null]
    .filter((w) => byWord.has(w))
    .map((word) => {
      const all = byWord.get(word)!;
      return { word, rows: word === null ? [] : all.slice(0, Math.max(0, cap)), total: all.length };
    });
}
