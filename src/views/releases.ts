import type { Catalog } from '../domain/catalog/index.ts';
import type { ChangeWord } from '../domain/history/index.ts';
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

export function releaseViews(c: Catalog): ReleaseView[] {
  const notes = c.history?.releases ?? [];
  const link = linker(c);
  return notes.map((r: ReleaseNotes, i) => ({
    tag: r.tag,
    date: r.date,
    day: r.date.slice(0, 10),
    commit: r.commit,
    previous: r.previous,
    next: i > 0 ? notes[i - 1].tag : null,
    detections: rows(r.detections, link.detections),
    stories: rows(r.stories, link.stories),
    macros: rows(r.macros, link.macros),
  }));
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
