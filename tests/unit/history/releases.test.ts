import { describe, expect, it } from 'vitest';
import type { ContentHistory, HistoryEntry } from '../../../src/content/git-history.ts';
import {
  detectionHistory,
  isNewIn,
  isUpdatedIn,
  pendingDelta,
  releaseDeltas,
  removedDetections,
} from '../../../src/domain/history/index.ts';

const commits = ['c1', 'c2', 'c3', 'c4'].map((commit, i) => ({
  commit,
  date: `2024-0${i + 1}-01T00:00:00Z`,
  subject: commit,
  release: i < 2 ? 'v1.9.0' : i < 3 ? 'v1.10.0' : null,
}));
const entry = (
  commit: string,
  kind: HistoryEntry['kind'],
  path: string,
  blob: string | null,
  data: Record<string, unknown> | null = {},
): HistoryEntry => {
  const c = commits.find((x) => x.commit === commit)!;
  return {
    commit,
    date: c.date,
    subject: commit,
    release: c.release,
    kind,
    path,
    version: null,
    blob,
    data: kind === 'removed' ? null : data,
  };
};
const table = (rows: Record<string, HistoryEntry[]>) =>
  Object.fromEntries(
    Object.entries(rows).map(([key, entries]) => [
      key,
      { key, entries, removedRaw: entries.at(-1)?.kind === 'removed' ? 'id: x\n' : null },
    ]),
  );

const history: ContentHistory = {
  head: 'c4',
  prefix: '',
  shallow: false,
  truncated: false,
  commits,
  // Version order, not text order: v1.10.0 comes after v1.9.0.
  releases: [
    { tag: 'v1.9.0', commit: 'c2', date: commits[1].date, previous: null },
    { tag: 'v1.10.0', commit: 'c3', date: commits[2].date, previous: 'v1.9.0' },
  ],
  detections: table({
    status: [
      entry('c1', 'baseline', 'detections/endpoint/s.yml', 's1', { status: 'production' }),
      entry('c3', 'changed', 'detections/endpoint/s.yml', 's2', { status: 'deprecated' }),
    ],
    moved: [
      entry('c1', 'baseline', 'detections/endpoint/m.yml', 'm1'),
      entry('c3', 'changed', 'detections/deprecated/m.yml', 'm1'),
    ],
    edited: [
      entry('c1', 'baseline', 'detections/endpoint/e.yml', 'e1', { search: 'a' }),
      entry('c2', 'changed', 'detections/endpoint/e.yml', 'e2', { search: 'b' }),
      entry('c3', 'changed', 'detections/endpoint/e.yml', 'e3', { search: 'c', description: 'd' }),
    ],
    gone: [entry('c2', 'added', 'detections/web/g.yml', 'g1'), entry('c3', 'removed', 'detections/web/g.yml', null)],
    late: [entry('c4', 'added', 'detections/web/l.yml', 'l1')],
    back: [
      entry('c1', 'baseline', 'detections/web/b.yml', 'b1'),
      entry('c2', 'removed', 'detections/web/b.yml', null),
      entry('c3', 'added', 'detections/web/b.yml', 'b2'),
    ],
  }),
  stories: {},
  macros: {},
  read: { from: 'git', commitsWalked: 4, blobsRead: 0 },
};

describe('releases', () => {
  it('sorts newest first and splits deprecations from updates', () => {
    const none = { added: [], updated: [], deprecated: [], removed: [] };
    expect(releaseDeltas(history).map(({ tag, since, detections }) => ({ tag, since, detections }))).toEqual([
      {
        tag: 'v1.10.0',
        since: 'c2',
        detections: { added: ['back'], updated: ['edited'], deprecated: ['moved', 'status'], removed: ['gone'] },
      },
      { tag: 'v1.9.0', since: 'c1', detections: { ...none, added: ['gone'], updated: ['edited'], removed: ['back'] } },
    ]);
  });

  it('tells what was merged after the newest release, and nothing when HEAD is released', () => {
    const p = pendingDelta(history)!;
    expect([p.tag, p.previous, p.since, p.commit]).toEqual(['unreleased', 'v1.10.0', 'c3', 'c4']);
    expect(p.detections).toEqual({ added: ['late'], updated: [], deprecated: [], removed: [] });
    expect(pendingDelta({ ...history, commits: commits.slice(0, 3) })).toBeNull();
    expect(pendingDelta({ ...history, releases: [] })).toBeNull();
  });

  it('gives a detection its history newest first, with what each version changed', () => {
    const h = detectionHistory(history, 'EDITED')!;
    expect(h.entries.map((e) => [e.commit, e.kind, e.changes, e.previous?.commit ?? null])).toEqual([
      ['c3', 'changed', ['search', 'description'], 'c2'],
      ['c2', 'changed', ['search'], 'c1'],
      ['c1', 'baseline', [], null],
    ]);
    expect([h.newIn, h.updatedIn, h.removed]).toEqual([null, ['v1.10.0', 'v1.9.0'], null]);
    expect([isUpdatedIn(h, 'v1.9.0'), isNewIn(h, 'v1.9.0')]).toEqual([true, false]);
    expect(detectionHistory(history, 'moved')!.entries[0].changes).toEqual(['moved']);
    expect(detectionHistory(history, 'nope')).toBeNull();
  });

  it('says when a detection was new, removed, or re-added', () => {
    const gone = detectionHistory(history, 'gone')!;
    expect([gone.newIn, gone.removed, gone.removedRaw]).toEqual([
      'v1.9.0',
      { commit: 'c3', date: commits[2].date, release: 'v1.10.0' },
      'id: x\n',
    ]);
    expect(isNewIn(gone, 'v1.9.0')).toBe(true);
    const back = detectionHistory(history, 'back')!;
    expect([back.newIn, back.removed, back.entries[0].changes, back.entries[0].previous]).toEqual([
      'v1.10.0',
      null,
      [],
      null,
    ]);
    expect(detectionHistory(history, 'late')!.newIn).toBeNull();
    expect(removedDetections(history).map((d) => d.id)).toEqual(['gone']);
  });
});
