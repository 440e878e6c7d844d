import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('astro.config.mjs', () => {
  // Astro imports the config with Node first and, when that fails, starts a Vite server to
  // load it instead: about 0.3 s more in every build and dev start. Node can load it only while
  // every module the integration imports names its file (`./load.ts`) and uses erasable types.
  it('loads with Node itself, without Vite', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(join(process.cwd(), 'astro.config.mjs'))}); console.log('loaded');`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      },
    );
    expect(r.stderr.split('\n').find((l) => /Error|Cannot find/.test(l)) ?? '', 'first error line').toBe('');
    expect(r.stdout.trim()).toBe('loaded');
  });

  // Astro only warns when two routes produce one path and renders one of them: a page taken over.
  it('makes a route conflict a build error', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const c = (await import(${JSON.stringify(join(process.cwd(), 'astro.config.mjs'))})).default; console.log(c.prerenderConflictBehavior);`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      },
    );
    expect(r.stdout.trim()).toBe('error');
  });
});
