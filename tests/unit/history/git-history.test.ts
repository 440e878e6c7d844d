import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentHistory, type ContentHistory } from '../../../src/content/git-history.ts';
import { commitEnv } from '../../helpers/git.ts';
import { entityTimeline, releaseDeltas } from '../../../src/domain/history/index.ts';

const ID = {
  a: 'aaaaaaaa-0000-4000-8000-000000000001',
  b: 'bbbbbbbb-0000-4000-8000-000000000002',
  c: 'cccccccc-0000-4000-8000-000000000003',
  d: 'dddddddd-0000-4000-8000-000000000004',
  e: 'eeeeeeee-0000-4000-8000-000000000005',
  h: '99999999-0000-4000-8000-000000000009',
  s: '55555555-0000-4000-8000-000000000005',
};
const CAP = 4096;

const detection = (
  id: string,
  o: { version?: number; search?: string; description?: string; status?: string; pad?: number } = {},
) =>
  [
    `name: Detection ${id.slice(0, 4)}`,
    // Upper case in the file: ids are followed lowercased.
    `id: ${id.toUpperCase()}`,
    `version: ${o.version ?? 1}`,
    `date: '2024-01-01'`,
    `status: ${o.status ?? 'production'}`,
    `description: ${o.description ?? 'Finds things.'}${o.pad ? ' ' + 'x'.repeat(o.pad) : ''}`,
    `search: '${o.search ?? '| tstats count from datamodel=Endpoint.Processes by Processes.dest | `a_filter`'}'`,
    'tags:',
    '  mitre_attack_id:',
    '  - T1059',
    '',
  ].join('\n');

function fixture() {
  const repo = mkdtempSync(join(tmpdir(), 'history-'));
  const content = join(repo, 'content');
  let day = 0;
  const env = () => commitEnv(`2024-0${Math.min(9, ++day)}-01T12:00:00+02:00`);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(content, rel)), { recursive: true });
    writeFileSync(join(content, rel), text);
  };
  const commit = (subject: string) => {
    git('add', '-A');
    execFileSync('git', ['-C', repo, 'commit', '-q', '--allow-empty', '-m', subject], { env: env() });
    return git('rev-parse', 'HEAD').toString().trim();
  };
  git('init', '-q', '-b', 'main');
  write('detections/endpoint/a.yml', detection(ID.a));
  write('detections/endpoint/b.yml', detection(ID.b));
  write('detections/endpoint/c.yml', detection(ID.c));
  write('stories/s.yml', `name: Story S\nid: ${ID.s}\nversion: 1\ndescription: A story.\n`);
  write('macros/m.yml', 'name: m_filter\ndefinition: search *\ndescription: filter\n');
  // A symlink whose target text is a YAML mapping with an id: read as a file, it would be a detection.
  symlinkSync('id: 77777777-0000-4000-8000-000000000007', join(content, 'detections/endpoint/link.yml'));
  const c1 = commit('baseline');
  write('detections/cloud/d.yml', detection(ID.d));
  write(
    'detections/endpoint/a.yml',
    detection(ID.a, {
      version: 2,
      search: '| tstats count from datamodel=Endpoint.Processes by Processes.user | `a_filter`',
    }),
  );
  const c2 = commit('add d, edit a');
  git('tag', 'v1.0.0');
  unlinkSync(join(content, 'detections/endpoint/b.yml'));
  write('detections/deprecated/b.yml', detection(ID.b, { version: 2, status: 'deprecated' }));
  write('detections/endpoint/c.yml', detection(ID.e));
  write('stories/s.yml', `name: Story S\nid: ${ID.s}\nversion: 2\ndescription: A better story.\n`);
  const c3 = commit('deprecate b, c becomes e, edit story');
  writeFileSync(join(repo, 'README.md'), 'outside the content folder\n');
  const c4 = commit('readme only');
  unlinkSync(join(content, 'detections/cloud/d.yml'));
  write('detections/endpoint/huge.yml', detection(ID.h, { pad: CAP }));
  const c5 = commit('remove d, add a huge file');
  execFileSync('git', ['-C', repo, 'tag', '-a', 'v1.1.0', '-m', 'release'], { env: env() });
  git('tag', 'nightly');
  write(
    'detections/endpoint/a.yml',
    detection(ID.a, {
      version: 3,
      search: '| tstats count from datamodel=Endpoint.Processes by Processes.user | `a_filter`',
      description: 'Finds more things.',
    }),
  );
  const c6 = commit('describe a better');
  return { repo, content, commits: [c1, c2, c3, c4, c5, c6], git, write, commit };
}

const project = (h: ContentHistory, kind: 'detections' | 'stories' | 'macros', commits: string[]) =>
  Object.fromEntries(
    Object.entries(h[kind])
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, e]) => [
        key,
        entityTimeline(e)
          .entries.toReversed()
          .map((x) =>
            [x.kind, commits.indexOf(x.commit) + 1, x.version, x.path, x.release, x.changes.join(',')].join(' '),
          ),
      ]),
  );

describe('readContentHistory on a small repository', () => {
  const f = fixture();
  const dirs = [f.repo];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const h = readContentHistory(f.content, { maxBlobBytes: CAP });
  if ('unavailable' in h) throw new Error(h.unavailable);

  it('lists every first-parent commit, oldest first, with its date, subject and first release', () => {
    expect(h.commits.map((c) => [f.commits.indexOf(c.commit) + 1, c.date, c.subject, c.release])).toEqual([
      [1, '2024-01-01T12:00:00+02:00', 'baseline', 'v1.0.0'],
      [2, '2024-02-01T12:00:00+02:00', 'add d, edit a', 'v1.0.0'],
      [3, '2024-03-01T12:00:00+02:00', 'deprecate b, c becomes e, edit story', 'v1.1.0'],
      [4, '2024-04-01T12:00:00+02:00', 'readme only', 'v1.1.0'],
      [5, '2024-05-01T12:00:00+02:00', 'remove d, add a huge file', 'v1.1.0'],
      // `nightly` is no version, so no release.
      [6, '2024-07-01T12:00:00+02:00', 'describe a better', null],
    ]);
    expect(h.releases).toEqual([
      { tag: 'v1.0.0', commit: f.commits[1], date: '2024-02-01T12:00:00+02:00', previous: null },
      { tag: 'v1.1.0', commit: f.commits[4], date: '2024-05-01T12:00:00+02:00', previous: 'v1.0.0' },
    ]);
    expect(h.prefix).toBe('content/');
    expect([h.shallow, h.truncated, h.read.from]).toEqual([false, false, 'git']);
  });

  it('follows detections by id through edits, moves, id changes and deletions; skips symlinks and blobs over the cap', () => {
    expect(project(h, 'detections', f.commits)).toEqual({
      [ID.a]: [
        'baseline 1 1 detections/endpoint/a.yml v1.0.0 ',
        'changed 2 2 detections/endpoint/a.yml v1.0.0 search',
        'changed 6 3 detections/endpoint/a.yml  description',
      ],
      [ID.b]: [
        'baseline 1 1 detections/endpoint/b.yml v1.0.0 ',
        'changed 3 2 detections/deprecated/b.yml v1.1.0 status,moved',
      ],
      [ID.c]: ['baseline 1 1 detections/endpoint/c.yml v1.0.0 ', 'removed 3  detections/endpoint/c.yml v1.1.0 '],
      [ID.d]: ['added 2 1 detections/cloud/d.yml v1.0.0 ', 'removed 5  detections/cloud/d.yml v1.1.0 '],
      [ID.e]: ['added 3 1 detections/endpoint/c.yml v1.1.0 '],
    });
    expect(h.detections[ID.d].removedRaw).toBe(detection(ID.d));
    expect(h.detections[ID.c].removedRaw).toBe(detection(ID.c));
    expect(h.detections[ID.a].removedRaw).toBeNull();
    expect(h.detections[ID.a].entries[1].data?.search).toContain('Processes.user');
  });

  it('follows stories by id and macros by name', () => {
    expect(project(h, 'stories', f.commits)).toEqual({
      [ID.s]: ['baseline 1 1 stories/s.yml v1.0.0 ', 'changed 3 2 stories/s.yml v1.1.0 description'],
    });
    expect(project(h, 'macros', f.commits)).toEqual({ m_filter: ['baseline 1  macros/m.yml v1.0.0 '] });
  });

  it('tells each release what it added, updated, deprecated and removed', () => {
    const none = { added: [], updated: [], deprecated: [], removed: [] };
    expect(releaseDeltas(h)).toEqual([
      {
        tag: 'v1.1.0',
        commit: f.commits[4],
        date: '2024-05-01T12:00:00+02:00',
        previous: 'v1.0.0',
        since: f.commits[1],
        detections: { added: [ID.e], updated: [], deprecated: [ID.b], removed: [ID.c, ID.d] },
        stories: { ...none, updated: [ID.s] },
        macros: none,
      },
      {
        tag: 'v1.0.0',
        commit: f.commits[1],
        date: '2024-02-01T12:00:00+02:00',
        previous: null,
        since: f.commits[0],
        detections: { ...none, added: [ID.d], updated: [ID.a] },
        stories: none,
        macros: none,
      },
    ]);
  });

  it('reads a folder at the top of the work tree too', () => {
    const top = readContentHistory(f.repo);
    if ('unavailable' in top) throw new Error(top.unavailable);
    expect(top.prefix).toBe('');
    // Outside a kind folder under the top, content/ holds nothing.
    expect(Object.keys(top.detections)).toEqual([]);
  });

  it('caps the commits: the oldest one walked becomes the baseline', () => {
    const cut = readContentHistory(f.content, { maxCommits: 2, maxBlobBytes: CAP });
    if ('unavailable' in cut) throw new Error(cut.unavailable);
    expect(cut.truncated).toBe(true);
    expect(cut.commits.map((c) => c.subject)).toEqual(['remove d, add a huge file', 'describe a better']);
    expect(project(cut, 'detections', f.commits)[ID.a]).toEqual([
      'baseline 5 2 detections/endpoint/a.yml v1.1.0 ',
      'changed 6 3 detections/endpoint/a.yml  description',
    ]);
    expect(cut.detections[ID.d]).toBeUndefined();
  });

  it('is unavailable, with the reason, for a one-commit shallow clone and outside a work tree', () => {
    const shallow = mkdtempSync(join(tmpdir(), 'history-shallow-'));
    const plain = mkdtempSync(join(tmpdir(), 'history-plain-'));
    dirs.push(shallow, plain);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${f.repo}`, shallow], { stdio: 'ignore' });
    const s = readContentHistory(join(shallow, 'content'));
    expect(s).toEqual({ unavailable: expect.stringContaining('fetch-depth: 0') });
    expect((s as { unavailable: string }).unavailable).not.toContain('\n');
    expect(readContentHistory(plain)).toEqual({ unavailable: 'the content folder is not inside a git work tree' });
    expect(readContentHistory(join(plain, 'missing'))).toEqual({ unavailable: expect.any(String) });
    expect(readContentHistory(f.content, { env: { PATH: join(plain, 'no-bin') } })).toEqual({
      unavailable: 'git is not installed (not found on PATH)',
    });
    execFileSync('git', ['init', '-q', plain]);
    expect(readContentHistory(plain)).toEqual({ unavailable: expect.stringContaining('no commits') });
  });

  it('a YAML error in one version records nothing for it; the next good version is compared with the last good one', () => {
    const clone = mkdtempSync(join(tmpdir(), 'history-broken-'));
    dirs.push(clone);
    execFileSync('git', ['clone', '-q', f.repo, clone], { stdio: 'ignore' });
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    };
    const a = join(clone, 'content/detections/endpoint/a.yml');
    writeFileSync(a, 'id: [unclosed\n');
    execFileSync('git', ['-C', clone, 'commit', '-qam', 'break a'], { env });
    writeFileSync(a, detection(ID.a, { version: 4, search: '| tstats count', description: 'Finds more things.' }));
    execFileSync('git', ['-C', clone, 'commit', '-qam', 'fix a'], { env });
    const b = readContentHistory(join(clone, 'content'), { maxBlobBytes: CAP });
    if ('unavailable' in b) throw new Error(b.unavailable);
    const entries = entityTimeline(b.detections[ID.a]).entries;
    expect(entries.map((e) => [e.subject, e.kind, e.version, e.changes])).toEqual([
      ['fix a', 'changed', 4, ['search']],
      ['describe a better', 'changed', 3, ['description']],
      ['add d, edit a', 'changed', 2, ['search']],
      ['baseline', 'baseline', 1, []],
    ]);
  });

  it('reads a new clone with a cache left by another repository at the same place (a walk it cannot extend)', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'history-cachedir-'));
    const other = fixture();
    dirs.push(cacheDir, other.repo);
    // An unrelated history: its cached head is not in the first repository.
    other.write('detections/endpoint/z.yml', detection('abababab-0000-4000-8000-00000000000a'));
    other.commit('only in the other repository');
    const first = readContentHistory(other.content, { maxBlobBytes: CAP, cacheDir });
    const second = readContentHistory(f.content, { maxBlobBytes: CAP, cacheDir });
    if ('unavailable' in first) throw new Error(first.unavailable);
    if ('unavailable' in second) throw new Error(second.unavailable);
    expect(second.read.from).toBe('git');
    expect(second.commits).toHaveLength(h.commits.length);
  });

  it('caches by HEAD, and extends a cached walk with only the new commits', () => {
    const clone = mkdtempSync(join(tmpdir(), 'history-cache-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'history-cachedir-'));
    dirs.push(clone, cacheDir);
    execFileSync('git', ['clone', '-q', f.repo, clone], { stdio: 'ignore' });
    const dir = join(clone, 'content');
    const opts = { maxBlobBytes: CAP, cacheDir };
    const cold = readContentHistory(dir, opts);
    const warm = readContentHistory(dir, opts);
    if ('unavailable' in cold || 'unavailable' in warm) throw new Error('unavailable');
    expect([cold.read, warm.read]).toEqual([
      // Five at the baseline, six later; the symlink and the file over the cap are not read.
      { from: 'git', commitsWalked: 6, blobsRead: 11 },
      { from: 'cache', commitsWalked: 0, blobsRead: 0 },
    ]);
    expect({ ...warm, read: null }).toEqual({ ...cold, read: null });

    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    };
    unlinkSync(join(dir, 'detections/endpoint/a.yml'));
    writeFileSync(join(dir, 'detections/endpoint/f.yml'), detection('ffffffff-0000-4000-8000-000000000006'));
    execFileSync('git', ['-C', clone, 'add', '-A'], { env });
    execFileSync('git', ['-C', clone, 'commit', '-qm', 'remove a, add f'], { env });
    execFileSync('git', ['-C', clone, 'tag', 'v1.2.0'], { env });
    const extended = readContentHistory(dir, opts);
    const fresh = readContentHistory(dir, { maxBlobBytes: CAP });
    if ('unavailable' in extended || 'unavailable' in fresh) throw new Error('unavailable');
    expect(extended.read).toEqual({ from: 'cache+git', commitsWalked: 1, blobsRead: 1 });
    expect({ ...extended, read: null }).toEqual({ ...fresh, read: null });
    expect(extended.detections[ID.a].removedRaw).toBe(
      detection(ID.a, {
        version: 3,
        search: '| tstats count from datamodel=Endpoint.Processes by Processes.user | `a_filter`',
        description: 'Finds more things.',
      }),
    );
    expect(extended.commits.at(-1)?.release).toBe('v1.2.0');
  });
});
