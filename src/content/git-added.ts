import { spawnSync } from 'node:child_process';

/**
 * When each file was first added to the git history of the content folder (seconds since the
 * epoch), for the few files whose URLs collide: the file that was there first keeps the page,
 * whatever a newcomer names its file. One `git log` for all of them; an empty map when the
 * folder is not in a work tree, git is missing, or the history is too shallow to tell.
 */
export function gitAddedTimes(contentDir: string, files: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (files.length === 0) return out;
  const r = spawnSync('git', ['-C', contentDir, 'log', '--diff-filter=A', '--format=%x00%ct', '--name-only', '--no-renames', '--', ...files], {
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
    // Content cannot configure the git that reads it: no system or global config, no pager.
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
  });
  if (r.status !== 0 || !r.stdout) return out;
  const prefix = spawnSync('git', ['-C', contentDir, 'rev-parse', '--show-prefix'], { encoding: 'utf8', timeout: 5_000 }).stdout?.trim() ?? '';
  // Newest first: the last time seen for a file is when it was first added.
  for (const block of r.stdout.split('\u0000')) {
    const [time, ...names] = block.trim().split('\n');
    const t = Number(time);
    if (!Number.isFinite(t)) continue;
    for (const n of names) if (n) out.set(n.startsWith(prefix) ? n.slice(prefix.length) : n, t);
  }
  return out;
}
