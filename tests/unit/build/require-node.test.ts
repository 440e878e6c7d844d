import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEnough, nodeProblem } from '../../../scripts/require-node.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('the Node check before every npm script', () => {
  it("accepts Astro 7's Node versions and refuses older ones", () => {
    for (const v of ['v22.12.0', 'v22.13.1', 'v24.21.0', '26.0.0']) expect(newEnough(v), v).toBe(true);
    for (const v of ['v20.20.2', 'v22.11.9', 'v18.0.0']) expect(newEnough(v), v).toBe(false);
    expect(nodeProblem('v24.21.0', false)).toBeNull();
  });

  it('says in one line what to run after npm install --ignore-scripts', () => {
    const line = nodeProblem('v20.20.2', false)!;
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('npm rebuild node');
    expect(line).toContain('--ignore-scripts');
    expect(nodeProblem('v20.20.2', true)).toContain('run the project through npm');
  });

  it('guards every script that runs Astro, Vitest or the test runner', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    for (const name of ['dev', 'build', 'check:content', 'preview', 'check', 'test', 'test:unit', 'test:e2e', 'bench'])
      expect(scripts[name], name).toMatch(/^node scripts\/require-node\.mjs && /);
  });

  it.skipIf(!existsSync('/usr/bin/node'))(
    "exits 1 with that line under an older Node on PATH (the machine's own)",
    () => {
      const r = spawnSync('/usr/bin/node', [join(ROOT, 'scripts', 'require-node.mjs')], { encoding: 'utf8' });
      const version = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).stdout.trim();
      if (newEnough(version)) return expect(r.status).toBe(0);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`Node ${version} is too old`);
    },
  );
});
