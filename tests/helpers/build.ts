import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface BuildResult {
  code: number;
  seconds: number;
  output: string;
  outDir: string;
}

/** Runs `astro build` into `outDir` with the given environment; output is kept for assertions. */
export function astroBuild(name: string, outDir: string, env: Record<string, string>): BuildResult {
  const t0 = Date.now();
  const r = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 30 * 60 * 1000,
  });
  const result = {
    code: r.status ?? 1,
    seconds: (Date.now() - t0) / 1000,
    output: `${r.stdout ?? ''}\n${r.stderr ?? ''}`,
    outDir: resolve(ROOT, outDir),
  };
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', `${name}-build.log`), result.output);
  console.log(`[${name}] astro build exit ${result.code} in ${result.seconds.toFixed(1)}s (log: test-results/${name}-build.log)`);
  return result;
}
