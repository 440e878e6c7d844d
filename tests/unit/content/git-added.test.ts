import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitAddedTimes } from '../../../src/content/git-added';

describe('when files were first added to git', () => {
  const repo = mkdtempSync(join(tmpdir(), 'git-added-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (args: string[], date: string) =>
    execFileSync('git', ['-C', repo, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
  execFileSync('git', ['init', '-q', repo]);
  mkdirSync(join(repo, 'content', 'stories'), { recursive: true });
  writeFileSync(join(repo, 'content', 'stories', 'old.yml'), 'name: Old\n');
  git(['add', '.'], '2024-01-01T00:00:00Z');
  git(['commit', '-qm', 'old'], '2024-01-01T00:00:00Z');
  writeFileSync(join(repo, 'content', 'stories', 'old.yml'), 'name: Old edited\n');
  writeFileSync(join(repo, 'content', 'stories', 'new.yml'), 'name: New\n');
  git(['add', '.'], '2024-06-01T00:00:00Z');
  git(['commit', '-qm', 'new'], '2024-06-01T00:00:00Z');

  it('gives each file the time of the commit that added it, relative to the content folder', () => {
    const t = gitAddedTimes(join(repo, 'content'), ['stories/old.yml', 'stories/new.yml', 'stories/untracked.yml']);
    expect(t.get('stories/old.yml')).toBe(Date.parse('2024-01-01T00:00:00Z') / 1000);
    expect(t.get('stories/new.yml')).toBe(Date.parse('2024-06-01T00:00:00Z') / 1000);
    expect(t.has('stories/untracked.yml')).toBe(false);
  });

  it('is empty outside a work tree', () => {
    const plain = mkdtempSync(join(tmpdir(), 'not-git-'));
    try {
      expect(gitAddedTimes(plain, ['a.yml']).size).toBe(0);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
