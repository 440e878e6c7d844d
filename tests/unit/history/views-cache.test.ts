import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHistoryViewsCache, timelineKey } from '../../../src/build/history-views-cache.ts';
import type { ContentHistory } from '../../../src/content/git-history.ts';
import { prepareHistory } from '../../../src/domain/history/catalog.ts';
import { historyViews } from '../../../src/views/history.ts';

const dir = mkdtempSync(join(tmpdir(), 'views-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const commit = (n: number) => ({
  commit: String(n).repeat(40).slice(0, 40),
  date: `2024-01-0${n}T12:00:00+00:00`,
  subject: `commit ${n}`,
  release: null,
});
const entry = (n: number, kind: 'added' | 'changed', search: string, blob: string) => ({
  ...commit(n),
  kind,
  path: 'detections/endpoint/x.yml',
  version: n,
  blob,
  data: { name: 'X', id: 'x', version: n, search },
});
/** A walk of two commits; `second` is the search the second commit gives detection x. */
const walk = (second: string, blob: string): ContentHistory => ({
  head: commit(2).commit,
  prefix: '',
  shallow: false,
  truncated: false,
  commits: [commit(1), commit(2)],
  releases: [],
  detections: {
    x: {
      key: 'x',
      removedRaw: null,
      entries: [entry(1, 'added', '| from a', 'b1'), entry(2, 'changed', second, blob)],
    },
    y: { key: 'y', removedRaw: null, entries: [entry(1, 'added', '| from y', 'y1')] },
  },
  stories: {},
  macros: {},
  read: { from: 'git', commitsWalked: 2, blobsRead: 3 },
});

describe('History sections kept between builds', () => {
  it('reuses a section whose timeline is the same, and diffs again one whose version changed', () => {
    const file = join(dir, 'views-a.bin');
    const p1 = prepareHistory(walk('| from a where b', 'b2'));
    const first = openHistoryViewsCache(file, p1.since);
    const made = historyViews(p1, first.kept);
    first.write(made);

    const again = openHistoryViewsCache(file, p1.since);
    const kept: string[] = [];
    const p2 = prepareHistory(walk('| from a where c', 'b3'));
    const second = historyViews(p2, (kind, t) => {
      const v = again.kept(kind, t);
      if (v) kept.push(t.id);
      return v;
    });
    expect(kept).toEqual(['y']);
    // The changed detection's diff is of its new version, not the cached one.
    const rows = second.detections.get('x')!.entries[0].diffs.find((d) => d.label === 'Search')!.rows;
    expect(rows.some((r) => r.op === 'add' && r.text.includes('where c'))).toBe(true);
    expect(second).toEqual(historyViews(p2));
  });

  it('keys a timeline by its blobs, never by its parsed YAML', () => {
    const t = prepareHistory(walk('| from a where b', 'b2')).timelines.detections.get('x')!;
    const bare = {
      ...t,
      entries: t.entries.map((e) => ({ ...e, data: null, previous: e.previous && { ...e.previous, data: null } })),
    };
    expect(timelineKey('detections', bare, null)).toBe(timelineKey('detections', t, null));
    expect(timelineKey('stories', t, null)).not.toBe(timelineKey('detections', t, null));
  });

  it('starts empty from a file that is not a cache, and removes the files of other code versions', () => {
    writeFileSync(join(dir, 'views-old.bin'), 'not a cache');
    const file = join(dir, 'views-new.bin');
    writeFileSync(file, 'garbage');
    const p = prepareHistory(walk('| from a where b', 'b2'));
    const c = openHistoryViewsCache(file, p.since);
    const views = historyViews(p, c.kept);
    expect(views).toEqual(historyViews(p));
    c.write(views);
    expect(readdirSync(dir).filter((n) => n.startsWith('views-'))).toEqual(['views-new.bin']);
  });
});
