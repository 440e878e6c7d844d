import type { ContentHistory } from '../../content/git-history.ts';
import type { Detection } from '../../content/model.ts';
import { folderProblem } from '../../content/reserved.ts';
import { parseDetection } from '../../content/schemas/detection.ts';
import { parseYamlFile } from '../../content/yaml-file.ts';
import { releaseTagOk } from '../urls/index.ts';
import {
  changedFields,
  entityTimeline,
  pendingDelta,
  releaseDeltas,
  type ChangeWord,
  type DetectionHistory,
  type ReleaseDelta,
} from './index.ts';
import { stateAt } from './releases.ts';
import type { HistoryEntityKind } from '../../content/git-history.ts';

/** A detection whose file is gone at HEAD: its page stays at its last URL, with its history. */
export interface RemovedDetection {
  /** The last version, through the normal parser: the page shows what it last was. */
  detection: Detection;
  history: DetectionHistory;
}

/** One entity in a release's notes: its name then, and for an update what changed since the previous tag. */
export interface ReleaseItem {
  key: string;
  name: string;
  changes: ChangeWord[];
}

export type ReleaseList = Record<'added' | 'updated' | 'deprecated' | 'removed', ReleaseItem[]>;

/** A release with what it changed against the tag before it, per kind. */
export interface ReleaseNotes extends Omit<ReleaseDelta, HistoryEntityKind> {
  detections: ReleaseList;
  stories: ReleaseList;
  macros: ReleaseList;
}

/** What pages read of the content's history (src/domain/catalog/index.ts adds it to the catalog). */
export interface CatalogHistory {
  head: string;
  /** Day of the first commit walked: before it, the repository's past is unknown here. */
  since: string | null;
  /** Newest first; only tags that can be a URL segment. */
  releases: ReleaseNotes[];
  /** What was merged after the newest release (tag `unreleased`), or null when there is nothing. */
  pending: ReleaseNotes | null;
  /** Commits on the first-parent line after the newest release, newest first. */
  unreleased: { commit: string; date: string; subject: string }[];
  /** Every detection of the current content that the history saw, by id. */
  detections: Map<string, DetectionHistory>;
  /** Every story the history saw, by lowercase id (a story without one: its lowercase name). */
  stories: Map<string, DetectionHistory>;
  /** Every macro the history saw, by name. */
  macros: Map<string, DetectionHistory>;
  /** Newest removal first. */
  removed: RemovedDetection[];
  /** Removed detections whose last version cannot be published, and why (for the build log). */
  skipped: { id: string; path: string; reason: string }[];
}

/**
 * What the catalog's history needs that does not depend on the content loaded: each entity's
 * timeline and the releases. A function of the walk alone, so a build computes it beside the
 * walk, off the main thread (src/build/history-worker.mjs).
 */
export interface PreparedHistory {
  since: string | null;
  releases: ReleaseNotes[];
  pending: ReleaseNotes | null;
  unreleased: CatalogHistory['unreleased'];
  /** Every entity's timeline, by its key in the walk. */
  timelines: Record<HistoryEntityKind, Map<string, DetectionHistory>>;
  /** Each detection removed at HEAD: its last version through the normal parser, or why it cannot be published. */
  removedLast: Map<string, { detection: Detection } | { reason: string }>;
}

/**
 * What the catalog reads of a walk once its timelines are prepared: everything but the entity
 * tables, whose versions the timelines already hold.
 */
export type HistoryHead = Omit<ContentHistory, HistoryEntityKind>;

/**
 * The walk and its timelines without the parsed YAML of each version, for a thread that gets
 * every History section made elsewhere (src/build/history-worker.mjs): only the diffs read the
 * versions, and they are most of what would be copied to it. A version keeps its blob id, which
 * stands for its content in page fingerprints.
 */
export function withoutVersions(
  h: ContentHistory,
  p: PreparedHistory,
): { head: HistoryHead; prepared: PreparedHistory } {
  const { detections: _d, stories: _s, macros: _m, ...head } = h;
  const bare = <T extends { data: unknown }>(e: T): T => ({ ...e, data: null });
  const timelines = (m: Map<string, DetectionHistory>) =>
    new Map(
      [...m].map(([k, t]) => [
        k,
        // The last text of a removed detection is parsed already (`removedLast`).
        {
          ...t,
          removedRaw: null,
          entries: t.entries.map((i) => ({ ...bare(i), previous: i.previous && bare(i.previous) })),
        },
      ]),
    );
  return {
    head,
    prepared: {
      ...p,
      timelines: {
        detections: timelines(p.timelines.detections),
        stories: timelines(p.timelines.stories),
        macros: timelines(p.timelines.macros),
      },
    },
  };
}

export function prepareHistory(h: ContentHistory): PreparedHistory {
  const timelines = (table: ContentHistory[HistoryEntityKind]) =>
    new Map(Object.entries(table).map(([k, e]) => [k, entityTimeline(e)]));
  const detections = timelines(h.detections);
  const removedLast: PreparedHistory['removedLast'] = new Map();
  for (const [id, t] of detections)
    // Newest first: the removal, which names where the file last was.
    if (t.removed && t.removedRaw !== null) removedLast.set(id, removedDetection(t.entries[0].path, t.removedRaw));
  return {
    since: historySince(h),
    releases: releaseNotes(h),
    pending: pendingNotes(h),
    unreleased: h.commits
      .filter((c) => c.release === null)
      .map(({ commit, date, subject }) => ({ commit, date, subject }))
      .reverse(),
    timelines: { detections, stories: timelines(h.stories), macros: timelines(h.macros) },
    removedLast,
  };
}

/**
 * The history as the catalog serves it: timelines of current detections, the releases, and
 * the pages of removed detections. A removed detection's URL is decided here, from its last
 * path, with the rules the loader applies to a live one (src/content/reserved.ts); an id that
 * is live again never gets a second page.
 */
export function catalogHistory(
  h: ContentHistory | HistoryHead,
  live: ReadonlySet<string>,
  prepared?: PreparedHistory | null,
): CatalogHistory {
  if (!prepared) {
    if (!('detections' in h))
      throw new Error('catalogHistory: a history without its tables needs its prepared timelines');
    prepared = prepareHistory(h);
  }
  const detections = new Map<string, DetectionHistory>();
  const removed: RemovedDetection[] = [];
  const skipped: CatalogHistory['skipped'] = [];
  for (const [id, timeline] of prepared.timelines.detections) {
    if (live.has(id)) {
      detections.set(id, timeline);
      continue;
    }
    const parsed = prepared.removedLast.get(id);
    if (!parsed) continue;
    const path = timeline.entries[0].path;
    if ('reason' in parsed) skipped.push({ id, path, reason: parsed.reason });
    else if (parsed.detection.id.toLowerCase() !== id)
      skipped.push({ id, path, reason: `its last version has id ${parsed.detection.id}` });
    else removed.push({ detection: parsed.detection, history: timeline });
  }
  removed.sort((a, b) => (b.history.removed!.date < a.history.removed!.date ? -1 : 1));
  return {
    head: h.head,
    since: prepared.since,
    releases: prepared.releases,
    pending: prepared.pending,
    unreleased: prepared.unreleased,
    detections,
    stories: prepared.timelines.stories,
    macros: prepared.timelines.macros,
    removed,
    skipped,
  };
}

/** Day of the first commit walked: the history knows nothing before it. */
export const historySince = (h: ContentHistory): string | null => h.commits[0]?.date.slice(0, 10) ?? null;

function removedDetection(path: string, raw: string): { detection: Detection } | { reason: string } {
  const parts = path.split('/');
  // detections/<folder>/…/<file>.yml: the folder is the URL category, as for a live detection.
  if (parts[0] !== 'detections' || parts.length < 3) return { reason: 'its last file was not in a detections/ folder' };
  const folder = parts[1];
  const bad = folderProblem(folder);
  if (bad) return { reason: bad.message };
  const file = parseYamlFile(new TextEncoder().encode(raw), path);
  if (!file.data) return { reason: file.problems[0]?.message ?? 'its last version is not YAML' };
  const r = parseDetection(file.data, { filePath: path, raw: file.raw, folder });
  if (!r.ok) return { reason: `its last version does not validate (${r.issues[0]?.message ?? 'schema'})` };
  return { detection: r.value };
}

const KINDS: readonly HistoryEntityKind[] = ['detections', 'stories', 'macros'];

function releaseNotes(h: ContentHistory): ReleaseNotes[] {
  const notes = notesOf(h);
  return releaseDeltas(h)
    .filter((r) => releaseTagOk(r.tag))
    .map(notes);
}

function pendingNotes(h: ContentHistory): ReleaseNotes | null {
  const pending = pendingDelta(h);
  if (!pending) return null;
  const notes = notesOf(h)(pending);
  const any = KINDS.some((k) => Object.values(notes[k]).some((l) => l.length > 0));
  return any ? notes : null;
}

/** A release delta as notes: each entity named as it was then, each update with what changed. */
function notesOf(h: ContentHistory): (r: ReleaseDelta) => ReleaseNotes {
  const position = new Map(h.commits.map((c, i) => [c.commit, i]));
  return (r) => {
    const from = position.get(r.since) ?? 0;
    const to = position.get(r.commit) ?? 0;
    const lists = Object.fromEntries(
      KINDS.map((kind) => {
        const table = h[kind];
        const item = (key: string, withChanges: boolean): ReleaseItem => {
          const a = stateAt(table[key], position, from);
          const b = stateAt(table[key], position, to);
          // A removed entity is named by its last version before the release.
          const name = String((b ?? a ?? lastData(table[key].entries))?.data?.name ?? key);
          const changes =
            withChanges && a?.data && b?.data ? changedFields(a.data, b.data, { from: a.path, to: b.path }) : [];
          return { key, name, changes };
        };
        const d = r[kind];
        const list: ReleaseList = {
          added: d.added.map((k) => item(k, false)),
          updated: d.updated.map((k) => item(k, true)),
          deprecated: d.deprecated.map((k) => item(k, true)),
          removed: d.removed.map((k) => item(k, false)),
        };
        for (const l of Object.values(list)) l.sort((x, y) => x.name.localeCompare(y.name));
        return [kind, list];
      }),
    ) as Record<HistoryEntityKind, ReleaseList>;
    return { tag: r.tag, commit: r.commit, date: r.date, previous: r.previous, since: r.since, ...lists };
  };
}

const lastData = (entries: ContentHistory['detections'][string]['entries']) => entries.findLast((e) => e.data) ?? null;
