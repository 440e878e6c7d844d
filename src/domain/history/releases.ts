import type { ContentHistory, EntityHistory, HistoryEntityKind, HistoryEntry } from '../../content/git-history.ts';

/** What one release changed, against the release before it. */
export interface KindDelta {
  added: string[];
  /** In both releases with a different file (content or path), and not newly deprecated. */
  updated: string[];
  /** In both, and deprecated now but not before: status `deprecated`, or moved into a `deprecated/` folder. */
  deprecated: string[];
  removed: string[];
}

export interface ReleaseDelta {
  tag: string;
  commit: string;
  date: string;
  previous: string | null;
  /**
   * The commit compared against: the previous tag's, or for the first release the walk's first
   * commit (a baseline, which may sit after some of that release's changes).
   */
  since: string;
  detections: KindDelta;
  stories: KindDelta;
  macros: KindDelta;
}

/** Each release tag with what it changed, newest release first. Keys are those of the history. */
export function releaseDeltas(history: ContentHistory): ReleaseDelta[] {
  const position = new Map(history.commits.map((c, i) => [c.commit, i]));
  const tagCommit = new Map(history.releases.map((r) => [r.tag, r.commit]));
  const first = history.commits[0]?.commit;
  const out: ReleaseDelta[] = [];
  for (const r of history.releases) {
    const since = (r.previous && tagCommit.get(r.previous)) || first;
    if (since === undefined) continue;
    const from = position.get(since) ?? 0;
    const to = position.get(r.commit) ?? 0;
    const delta = (kind: HistoryEntityKind) => kindDelta(history[kind], position, from, to);
    out.push({ ...r, since, detections: delta('detections'), stories: delta('stories'), macros: delta('macros') });
  }
  return out.reverse();
}

/** The `tag` of the changes after the newest release: never a tag name (it is not a version). */
export const UNRELEASED = 'unreleased';

/**
 * What the first-parent line changed after the newest release tag (merged, not released yet),
 * or null when HEAD is that release or the history has no release at all.
 */
export function pendingDelta(history: ContentHistory): ReleaseDelta | null {
  const last = history.releases.at(-1);
  const head = history.commits.at(-1);
  if (!last || !head || last.commit === head.commit) return null;
  const position = new Map(history.commits.map((c, i) => [c.commit, i]));
  const from = position.get(last.commit);
  if (from === undefined) return null;
  const to = history.commits.length - 1;
  const delta = (kind: HistoryEntityKind) => kindDelta(history[kind], position, from, to);
  return {
    tag: UNRELEASED,
    commit: head.commit,
    date: head.date,
    previous: last.tag,
    since: last.commit,
    detections: delta('detections'),
    stories: delta('stories'),
    macros: delta('macros'),
  };
}

function kindDelta(
  table: Record<string, EntityHistory>,
  position: Map<string, number>,
  from: number,
  to: number,
): KindDelta {
  const d: KindDelta = { added: [], updated: [], deprecated: [], removed: [] };
  for (const [key, h] of Object.entries(table)) {
    const a = stateAt(h, position, from);
    const b = stateAt(h, position, to);
    if (!a && b) d.added.push(key);
    else if (a && !b) d.removed.push(key);
    else if (a && b && (a.blob !== b.blob || a.path !== b.path)) {
      if (isDeprecated(b) && !isDeprecated(a)) d.deprecated.push(key);
      else d.updated.push(key);
    }
  }
  for (const list of Object.values(d)) list.sort();
  return d;
}

/**
 * Each entry's position in the walk, per entity and walk: release notes ask for every entity's
 * state at every tag, which would otherwise look every commit up again each time.
 */
const positions = new WeakMap<EntityHistory, { of: ReadonlyMap<string, number>; at: number[] }>();

/** The entity's version at a commit position of the walk, or null when it did not exist there. */
export function stateAt(h: EntityHistory, position: ReadonlyMap<string, number>, at: number): HistoryEntry | null {
  let known = positions.get(h);
  if (known?.of !== position) {
    known = { of: position, at: h.entries.map((e) => position.get(e.commit) ?? Infinity) };
    positions.set(h, known);
  }
  // Entries are in walk order: the last one at or before `at`.
  let lo = 0;
  let hi = known.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (known.at[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  const found = lo > 0 ? h.entries[lo - 1] : null;
  return found && found.kind !== 'removed' ? found : null;
}

export function isDeprecated(e: Pick<HistoryEntry, 'path' | 'data'>): boolean {
  const status = e.data?.status;
  return (
    (typeof status === 'string' && status.trim().toLowerCase() === 'deprecated') ||
    /^(detections|stories)\/deprecated\//.test(e.path)
  );
}
