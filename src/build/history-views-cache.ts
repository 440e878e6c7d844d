import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DetectionHistory } from '../domain/history/index.ts';
import type { DetectionHistoryView, HistoryKind, HistoryViews } from '../views/history.ts';

/**
 * History sections kept between builds, by what they are made of: a section is a function of
 * its kind, its timeline and the first day of the history (and of the code, which names the
 * file). A version's blob id stands for its content, so the key never reads the parsed YAML.
 * After one new commit, only the timelines it touched (or a new tag relabelled) are diffed again.
 */
export interface HistoryViewsCache {
  kept: (kind: HistoryKind, t: DetectionHistory) => DetectionHistoryView | undefined;
  /** Writes the sections of this build (and only those) for the next. */
  write: (views: HistoryViews) => void;
}

/** A view of our own cache file is never larger than this; a bigger file is not read. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export function openHistoryViewsCache(file: string, since: string | null): HistoryViewsCache {
  let stored = new Map<string, DetectionHistoryView>();
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= MAX_CACHE_BYTES) {
      const v = deserialize(bytes) as { views?: unknown };
      if (v?.views instanceof Map) stored = v.views as Map<string, DetectionHistoryView>;
    }
  } catch {
    // No cache yet, or one that cannot be read: every section is made.
  }
  const keys = new Map<DetectionHistory, string>();
  const keyOf = (kind: HistoryKind, t: DetectionHistory) => {
    let k = keys.get(t);
    if (k === undefined) {
      k = timelineKey(kind, t, since);
      keys.set(t, k);
    }
    return k;
  };
  const kindOf = new Map<DetectionHistory, HistoryKind>();
  return {
    kept: (kind, t) => {
      kindOf.set(t, kind);
      return stored.get(keyOf(kind, t));
    },
    write: (views) => {
      try {
        const out = new Map<string, DetectionHistoryView>();
        for (const [t, kind] of kindOf) {
          const key = keyOf(kind, t);
          const v = views[kind].get(t.id);
          if (v) out.set(key, v);
        }
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, serialize({ views: out }));
        renameSync(tmp, file);
        // Files of other code versions would never be read again.
        for (const n of readdirSync(dirname(file)))
          if (/^views-.*\.bin$/.test(n) && n !== basename(file)) rmSync(join(dirname(file), n), { force: true });
      } catch {
        // A cache that cannot be written costs the next build the diffs, nothing more.
      }
    },
  };
}

/** What a section is made of, hashed: every field of every version but its parsed YAML, for which its blob stands. */
export function timelineKey(kind: HistoryKind, t: DetectionHistory, since: string | null): string {
  const entries = t.entries.map((e) => [
    e.commit,
    e.date,
    e.subject,
    e.release,
    e.kind,
    e.path,
    e.version,
    e.blob,
    e.changes,
    e.previous?.blob ?? null,
    e.previous?.path ?? null,
  ]);
  return createHash('sha1')
    .update(JSON.stringify([kind, since, t.newIn, t.updatedIn, t.removed, entries]))
    .digest('hex');
}
