import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/domain/search/engine.ts';
import { ROOT } from '../helpers/build';
import { BUNDLE, HISTORY_CLONE } from './setup';

/**
 * The site built from a clone of the content's git history (shared/corpus-history/README.md),
 * held against git itself: a detection's versions, every removed detection's page, and a
 * release's lists.
 */
const DIST = join(ROOT, 'dist-history');
const built = existsSync(join(ROOT, 'test-results', 'history-build.json'));
const git = (...args: string[]) =>
  execFileSync('git', ['-C', HISTORY_CLONE, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const page = (path: string) => readFileSync(join(DIST, path, 'index.html'), 'utf8');
const json = (path: string) => JSON.parse(readFileSync(join(DIST, path), 'utf8'));
const text = (html: string) => html.replace(/<[^>]+>/g, '');

/** Detection ids in every file of `rev` (or of every first-parent commit), from git grep. */
function idsAt(...revs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const lines = git('grep', '-h', '-i', '-E', '^id: *[0-9a-f-]{36}', ...revs, '--', 'detections').split('\n');
  for (const l of lines) {
    const m = /^id:\s*([0-9a-f-]{36})/i.exec(l.replace(/^[0-9a-f]{40}:/, ''));
    if (m) out.set(m[1].toLowerCase(), l);
  }
  return out;
}

describe.skipIf(!built)(
  `pages from the content's git history (${built ? 'bundle built' : `skipped: ${BUNDLE} is absent`})`,
  () => {
    it('builds', () => {
      expect(JSON.parse(readFileSync(join(ROOT, 'test-results', 'history-build.json'), 'utf8')).code).toBe(0);
    });

    it('lists a detection’s changes with dates, versions, releases and a diff', () => {
      const html = page('cloud/d2feef92-d54a-4a19-8306-b47c6ceba5b2');
      const section = html.slice(html.indexOf('id="history"'));
      const days = [...section.matchAll(/<time datetime="([^"]+)"[^>]*>([^<]+)<\/time>/g)].map((m) => m[2]);
      expect(days).toEqual(['2024-10-17', '2024-09-04', '2024-06-26', '2024-05-22', '2024-01-30']);
      expect(text(section)).toContain('version 3');
      expect(section).toContain('href="/releases/v4.40.0/"');
      // The newest change added drilldowns: its diff is open and shows them as insertions.
      expect(section).toMatch(/<details class="diffs" open[^>]*>/);
      expect(section).toMatch(/<ins class="line add"[^>]*>.*drilldown_searches/);
      expect(html).toContain('updated in v4.40.0');
    });

    it('shows a search diff, highlighted, where a version changed the search', () => {
      const history = json('api/detections/d2feef92-d54a-4a19-8306-b47c6ceba5b2.json').catalog.history;
      expect(history.map((e: { date: string }) => e.date.slice(0, 10))).toEqual([
        '2024-10-17',
        '2024-09-04',
        '2024-06-26',
        '2024-05-22',
        '2024-01-30',
      ]);
      for (const e of history) {
        expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(Object.keys(e).sort()).toEqual(['changes', 'commit', 'date', 'release', 'subject', 'version']);
      }
      // Some detection's newest change is to its search: its page shows a highlighted search diff.
      const list = json('api/detections.json').detections as { id: string; catalog: { url: string } }[];
      const changedSearch = list.find((d) => {
        const f = join(DIST, 'api', 'detections', `${d.id}.json`);
        return JSON.parse(readFileSync(f, 'utf8')).catalog.history[0]?.changes.includes('search');
      })!;
      const html = page(new URL(changedSearch.catalog.url).pathname);
      expect(html).toMatch(/<h3 class="small"[^>]*>Search/);
      expect(html).toMatch(
        /<(ins|del) class="line (add|del)"[^>]*><span class="sign"[^>]*>[+−]<\/span><span class="cl-/,
      );
    });

    it('keeps a page for every detection removed since the history starts', () => {
      const ever = idsAt(...git('rev-list', '--first-parent', 'HEAD').trim().split('\n'));
      const now = idsAt('HEAD');
      const removed = [...ever.keys()].filter((id) => !now.has(id));
      expect(removed.length).toBeGreaterThan(10);
      const pages = new Map<string, string>();
      for (const folder of readdirSync(DIST)) {
        for (const id of removed) {
          const f = join(DIST, folder, id, 'index.html');
          // Other folders may hold a redirect stub for an old address: the page is the one marked removed.
          if (existsSync(f) && readFileSync(f, 'utf8').includes('data-removed')) pages.set(id, readFileSync(f, 'utf8'));
        }
      }
      expect(removed.filter((id) => !pages.has(id))).toEqual([]);
      // Its status reads removed, not the last status its file had.
      for (const html of pages.values())
        expect(text(html)).toMatch(/removed \(was (production|experimental|deprecated)\)/);
      // Not in the list; in search only when the status facet asks for removed ones; in its own
      // API file, marked removed.
      const all = json('api/detections.json').detections as { id: string; catalog: { status: string } }[];
      const listed = new Set(all.map((d) => d.id));
      expect(removed.filter((id) => listed.has(id))).toEqual([]);
      const engine = new SearchEngine(json('search-index.json'));
      const ids = (hits: number[]) => new Set(hits.map((i) => engine.data.docs.id[i].toLowerCase()));
      const byDefault = ids(engine.search('').hits);
      expect(removed.filter((id) => byDefault.has(id))).toEqual([]);
      // Deprecated detections are listed but, like removed ones, searched only when asked for.
      expect(byDefault.size).toBe(all.filter((d) => d.catalog.status !== 'deprecated').length);
      const asked = ids(engine.search('', { status: ['removed'] }).hits);
      expect([...asked].sort()).toEqual([...pages.keys()].sort());
      const api = json(`api/detections/${removed[0]}.json`);
      expect(api.catalog.status).toBe('removed');
      expect(api.catalog.removed.commit).toMatch(/^[0-9a-f]{40}$/);
    });

    it('lists in /releases/v4.41.0/ exactly what git diff v4.40.0 v4.41.0 says of detections', () => {
      const changes = git('diff', '--name-status', '--no-renames', 'v4.40.0', 'v4.41.0', '--', 'detections')
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      const idOf = (rev: string, path: string) =>
        /^id:\s*([0-9a-f-]{36})/im.exec(git('show', `${rev}:${path}`))![1].toLowerCase();
      const added = changes.filter(([s]) => s === 'A').map(([, p]) => idOf('v4.41.0', p));
      const updated = changes.filter(([s]) => s === 'M').map(([, p]) => idOf('v4.41.0', p));
      const removedIds = changes.filter(([s]) => s === 'D').map(([, p]) => idOf('v4.40.0', p));
      const release = (
        json('api/releases.json').releases as { tag: string; previous: string; detections: Record<string, string[]> }[]
      ).find((r) => r.tag === 'v4.41.0')!;
      expect(release.previous).toBe('v4.40.0');
      expect(release.detections.added.sort()).toEqual(added.sort());
      expect(release.detections.updated.sort()).toEqual(updated.sort());
      expect(release.detections.removed.sort()).toEqual(removedIds.sort());
      const html = text(page('releases/v4.41.0'));
      expect(html).toContain(`Added: ${added.length} detections`);
      expect(html).toContain(`Updated: ${updated.length} detections`);
      const index = text(page('releases'));
      expect(index).toContain('v4.42.0');
      expect(readFileSync(join(DIST, 'releases', 'feed.xml'), 'utf8')).toContain('<title>v4.41.0:');
    });

    it('gives macro and story pages their history too, a definition diffed as SPL', () => {
      const html = page('macros/linux_hosts');
      const days = git('log', '--first-parent', '--format=%cI', '--', 'macros/linux_hosts.yml')
        .trim()
        .split('\n')
        .map((d) => d.slice(0, 10));
      expect(days.length).toBeGreaterThan(1);
      const section = html.slice(html.indexOf('id="history"'));
      for (const d of days) expect(section).toContain(`datetime="${d}`);
      expect(text(section)).toContain('Definition');
      expect(section).toContain('class="line del"');
      expect(page('stories/kubernetes_security')).toContain('id="history"');
    });

    it('tells What’s new by release', () => {
      const html = page('whats-new');
      expect(html).toContain('href="/releases/v4.42.0/"');
      expect(html).toContain('href="/releases/"');
      // First what was merged after the newest tag: the detections git says changed since v4.42.0.
      const pending = text(html.slice(html.indexOf('id="r-unreleased"'), html.indexOf('id="r-v4.42.0"')));
      expect(pending).toContain('Not released yet');
      expect(pending).toContain('merged since v4.42.0');
      const status = git('diff', '--name-status', '--no-renames', 'v4.42.0', 'HEAD', '--', 'detections')
        .trim()
        .split('\n')
        .map((l) => l[0]);
      const n = (c: string) => status.filter((x) => x === c).length;
      expect(pending).toContain(`${n('A')} new, ${n('M')} updated, 0 deprecated, ${n('D')} removed`);
      // Updates are grouped by what changed, not listed one "updated" per file.
      expect(pending).toMatch(/drilldowns changed: [\d,]+ detections/);
      expect(pending).toMatch(/and \d+ more/);
      expect(html.indexOf('id="r-unreleased"')).toBeLessThan(html.indexOf('id="r-v4.42.0"'));
    });
  },
);
