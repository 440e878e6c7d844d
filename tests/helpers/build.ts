import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAstroBuild } from '../../scripts/lib/astro-build.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface BuildResult {
  code: number;
  seconds: number;
  output: string;
  outDir: string;
}

/**
 * Runs `astro build` into `outDir` with the given environment; output is kept for assertions.
 * The watchdog (scripts/lib/astro-build.mjs) notes go to the log and the test output.
 */
export async function astroBuild(name: string, outDir: string, env: Record<string, string>): Promise<BuildResult> {
  const r = await runAstroBuild({ root: ROOT, outDir, env, log: (line) => console.log(`[${name}] ${line}`) });
  const result = { code: r.code, seconds: r.seconds, output: r.output, outDir: resolve(ROOT, outDir) };
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'test-results', `${name}-build.log`),
    [...r.notes.map((n) => `[astro-build] ${n}`), r.output].join('\n'),
  );
  console.log(
    `[${name}] astro build exit ${result.code} in ${result.seconds.toFixed(1)}s (log: test-results/${name}-build.log)`,
  );
  return result;
}
