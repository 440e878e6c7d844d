import type { ContentHistory, EntityHistory, HistoryEntry } from '../../content/git-history.ts';
import { changedFields, type ChangeWord } from './changes.ts';

export { CHANGE_WORDS, changedFields, same, type ChangeWord } from './changes.ts';
export { fieldDiff, lineDiff, searchDiff, type DiffBlock, type DiffLine, type TextDiff } from './diff.ts';
export {
  isDeprecated,
  pendingDelta,
  releaseDeltas,
  UNRELEASED,
  type KindDelta,
  type ReleaseDelta,
} from './releases.ts';

/** One version in a history list: the entry, what it changed, and the version it is compared with. */
export interface HistoryItem extends HistoryEntry {
  changes: ChangeWord[];
  /** The version before it (the last one not removed); null for the first and for a re-added file. */
  previous: HistoryEntry | null;
}

export interface DetectionHistory {
  id: string;
  /** Newest first. */
  entries: HistoryItem[];
  /** When it was deleted, if its file is gone now. */
  removed: { commit: string; date: string; release: string | null } | null;
  /** Its last YAML while removed, for a page rendered with the normal parser. */
  removedRaw: string | null;
  /** The release that first had it; null when it predates the history (baseline) or is unreleased. */
  newIn: string | null;
  /** Releases with a change to it, newest first; not the release that added it (new there, not updated). */
  updatedIn: string[];
}

/** The view model of one entity's history (detection, story or macro alike). */
export function entityTimeline(h: EntityHistory): DetectionHistory {
  const items: HistoryItem[] = [];
  let live: HistoryEntry | null = null;
  for (const e of h.entries) {
    const previous = e.kind === 'changed' ? live : null;
    const changes = previous && e.data ? changedFields(previous.data, e.data, { from: previous.path, to: e.path }) : [];
    items.push({ ...e, changes, previous });
    live = e.kind === 'removed' ? null : e;
  }
  const last = h.entries.at(-1);
  const added = h.entries.findLast((e) => e.kind === 'added' || e.kind === 'baseline');
  const updatedIn: string[] = [];
  for (const e of items.toReversed())
    if (
      e.kind === 'changed' &&
      e.release &&
      !(added?.kind === 'added' && e.release === added.release) &&
      !updatedIn.includes(e.release)
    )
      updatedIn.push(e.release);
  return {
    id: h.key,
    entries: items.reverse(),
    removed: last?.kind === 'removed' ? { commit: last.commit, date: last.date, release: last.release } : null,
    removedRaw: last?.kind === 'removed' ? h.removedRaw : null,
    newIn: added?.kind === 'added' ? added.release : null,
    updatedIn,
  };
}

/** A detection's history by id (any case), or null when the walk never saw it. */
export function detectionHistory(history: ContentHistory, id: string): DetectionHistory | null {
  const h = history.detections[id.trim().toLowerCase()];
  return h ? entityTimeline(h) : null;
}

/** "New in vX": first released in that tag. */
export const isNewIn = (h: DetectionHistory, release: string) => h.newIn === release;

/** "Updated in vX": changed in that tag, after the release that added it. */
export const isUpdatedIn = (h: DetectionHistory, release: string) => h.updatedIn.includes(release);

/** Detections whose file is gone at HEAD, newest removal first: the pages of removed detections. */
export function removedDetections(history: ContentHistory): DetectionHistory[] {
  return (
    Object.values(history.detections)
      .filter((h) => h.entries.at(-1)?.kind === 'removed')
      .map(entityTimeline)
      // Dates carry each committer's offset: compared as instants, not as text.
      .sort((a, b) => Date.parse(b.removed!.date) - Date.parse(a.removed!.date) || (a.id < b.id ? -1 : 1))
  );
}
