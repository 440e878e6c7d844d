import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentHistory, type ContentHistory } from '../../../src/content/git-history.ts';
import { detectionHistory, releaseDeltas } from '../../../src/domain/history/index.ts';

// The real content repository's history (shared/corpus-history/README.md), beside the work tree.
const BUNDLE = [
  '../shared/corpus-history/security_content.bundle',
  '../../shared/corpus-history/security_content.bundle',
  '/work/shared/corpus-history/security_content.bundle',
]
  .map((p) => (p.startsWith('/') ? p : join(process.cwd(), p)))
  .find((p) => existsSync(p));

describe.skipIf(!BUNDLE)(
  `the history of security_content (${BUNDLE ? 'bundle found' : 'skipped: shared/corpus-history/security_content.bundle is absent'})`,
  () => {
    const clone = mkdtempSync(join(tmpdir(), 'history-bundle-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'history-bundle-cache-'));
    afterAll(() => [clone, cacheDir].forEach((d) => rmSync(d, { recursive: true, force: true })));
    execFileSync('git', ['clone', '-q', BUNDLE!, clone], { stdio: 'ignore' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

    let t = performance.now();
    const h = readContentHistory(clone, { cacheDir }) as ContentHistory;
    const cold = performance.now() - t;
    t = performance.now();
    const cached = readContentHistory(clone, { cacheDir }) as ContentHistory;
    const warm = performance.now() - t;
    console.log(`history walk of the bundle: ${cold.toFixed(0)} ms cold, ${warm.toFixed(0)} ms from the cache`);

    it('walks every first-parent commit and release', () => {
      expect('unavailable' in h).toBe(false);
      expect(h.commits.length).toBe(251);
      expect(h.releases.length).toBe(40);
      expect(h.releases[0].tag).toBe('v4.7.0');
      expect(h.releases.at(-1)?.tag).toBe('v4.42.0');
      expect(cached.read.from).toBe('cache');
      expect(cached.detections).toEqual(h.detections);
    });

    it('dates a detection’s versions by the commits that changed its file (committer dates, as git log prints them)', () => {
      const id = 'd2feef92-d54a-4a19-8306-b47c6ceba5b2';
      const d = detectionHistory(h, id)!;
      const file = d.entries[0].path;
      const logged = git('log', '--first-parent', '--format=%cI', '--', file).trim().split('\n');
      expect(d.entries.map((e) => e.date)).toEqual(logged);
      expect(d.entries.map((e) => [e.date.slice(0, 10), e.kind, e.version])).toEqual([
        ['2024-10-17', 'changed', 3],
        ['2024-09-04', 'changed', 2],
        ['2024-06-26', 'changed', 2],
        ['2024-05-22', 'changed', 1],
        ['2024-01-30', 'added', 1],
      ]);
      expect(d.newIn).toBe('v4.23.0');
      expect(d.entries.every((e) => e.kind === 'added' || e.changes.length > 0)).toBe(true);
    });

    it('v4.41.0 added and removed the detections that git diff between the tags implies', () => {
      const idsAt = (tag: string, paths: string[]) => {
        const ids = new Set<string>();
        for (const p of paths) {
          const m = /^id:\s*['"]?([^'"\s]+)/m.exec(git('show', `${tag}:${p}`));
          if (m) ids.add(m[1].toLowerCase());
        }
        return ids;
      };
      const status = git('diff', '--no-renames', '--name-status', 'v4.40.0', 'v4.41.0', '--', 'detections')
        .trim()
        .split('\n')
        .map((l) => l.split('\t'))
        .filter(([, p]) => /^detections\/[^/]+\/.+\.yml$/.test(p));
      const before = idsAt(
        'v4.40.0',
        status.filter(([s]) => s === 'D').map(([, p]) => p),
      );
      const after = idsAt(
        'v4.41.0',
        status.filter(([s]) => s === 'A').map(([, p]) => p),
      );
      // A delete and an add of the same id is a move, not a removal and an addition.
      const added = [...after].filter((id) => !before.has(id)).sort();
      const removed = [...before].filter((id) => !after.has(id)).sort();
      const delta = releaseDeltas(h).find((r) => r.tag === 'v4.41.0')!;
      expect(delta.previous).toBe('v4.40.0');
      expect(delta.detections.added).toEqual(added);
      expect(delta.detections.removed).toEqual(removed);
      expect(added.length).toBeGreaterThan(0);
    });
  },
);
