import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitEnv } from '../../helpers/git.ts';
import { readContentHistory, type ContentHistory } from '../../../src/content/git-history.ts';
import { catalogHistory, prepareHistory, withoutVersions } from '../../../src/domain/history/catalog.ts';

const ID = 'abcdef01-0000-4000-8000-0000000000aa';
const repo = mkdtempSync(join(tmpdir(), 'history-lean-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const yml = (version: number) =>
  [
    'name: Lean Removed',
    `id: ${ID}`,
    `version: ${version}`,
    "date: '2024-01-01'",
    'author: A',
    'type: TTP',
    'status: production',
    'description: Finds it.',
    'data_source: []',
    "search: '| tstats count from datamodel=Endpoint.Processes'",
    'how_to_implement: x',
    'known_false_positives: x',
    'references: []',
    'tags:',
    '  analytic_story: []',
    '  asset_type: Endpoint',
    '  mitre_attack_id: []',
    '  product: [Splunk Enterprise]',
    '  security_domain: endpoint',
    '',
  ].join('\n');
function commit(message: string, day: number) {
  const env = commitEnv(`2024-01-0${day}T12:00:00+00:00`);
  execFileSync('git', ['-C', repo, 'add', '-A'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', message], { env });
}
execFileSync('git', ['-C', repo, 'init', '-q', '-b', 'main'], {
  env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
});
mkdirSync(join(repo, 'detections', 'endpoint'), { recursive: true });
writeFileSync(join(repo, 'detections', 'endpoint', 'lean.yml'), yml(1));
commit('add', 1);
mkdirSync(join(repo, 'detections', 'deprecated'), { recursive: true });
renameSync(join(repo, 'detections', 'endpoint', 'lean.yml'), join(repo, 'detections', 'deprecated', 'lean.yml'));
writeFileSync(join(repo, 'detections', 'deprecated', 'lean.yml'), yml(2));
commit('deprecate', 2);
rmSync(join(repo, 'detections', 'deprecated', 'lean.yml'));
writeFileSync(join(repo, 'README'), 'x');
commit('remove', 3);

describe('the history without its versions, as the main thread gets it', () => {
  const h = readContentHistory(repo, { env: { PATH: process.env.PATH, HOME: process.env.HOME } }) as ContentHistory;
  const full = catalogHistory(h, new Set());
  const lean = withoutVersions(h, prepareHistory(h));
  const fromLean = catalogHistory(lean.head, new Set(), lean.prepared);

  it('gives the same removed detection page, at the folder it last had', () => {
    expect(full.removed).toHaveLength(1);
    expect(fromLean.removed.map((r) => r.detection)).toEqual(full.removed.map((r) => r.detection));
    expect(fromLean.removed[0].detection.folder).toBe('deprecated');
    expect(fromLean.releases).toEqual(full.releases);
    expect(fromLean.unreleased).toEqual(full.unreleased);
  });

  it('keeps every version but its parsed YAML: commit, version, blob and what changed', () => {
    const a = full.removed[0].history.entries;
    const b = fromLean.removed[0].history.entries;
    expect(b.map((e) => [e.commit, e.version, e.blob, e.changes, e.kind])).toEqual(
      a.map((e) => [e.commit, e.version, e.blob, e.changes, e.kind]),
    );
    expect(a.some((e) => e.data !== null)).toBe(true);
    expect(b.every((e) => e.data === null && (e.previous === null || e.previous.data === null))).toBe(true);
  });

  it('refuses to make the catalog history from a walk without tables and no timelines', () => {
    expect(() => catalogHistory(lean.head, new Set())).toThrow(/prepared timelines/);
  });
});
