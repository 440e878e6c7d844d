import { describe, expect, it } from 'vitest';
import { buildEnv, runAstroBuild } from '../../../scripts/lib/astro-build.mjs';

/** Stand-ins for a build: a node script that prints, then exits or hangs. */
const fake = (script: string) => [process.execPath, '-e', script];
const quiet = { root: process.cwd(), outDir: 'unused', log: () => undefined };

describe('the build runner watchdog', () => {
  it('passes a normal exit code and the output through', async () => {
    const r = await runAstroBuild({
      ...quiet,
      command: fake('console.log("[build] Complete!"); process.exitCode = 3'),
    });
    expect(r.code).toBe(3);
    expect(r.output).toContain('Complete!');
    expect(r.notes).toEqual([]);
    expect(r.attempts).toBe(1);
  });

  it('kills a build stuck after "Build stopped:" and reports exit code 1, with its threads', async () => {
    const r = await runAstroBuild({
      ...quiet,
      exitGraceSeconds: 0.3,
      command: fake('console.error("Build stopped: fix it"); setInterval(() => {}, 1000)'),
    });
    expect(r.code).toBe(1);
    expect(r.attempts).toBe(1);
    expect(r.notes.join('\n')).toMatch(/printed its last line but had not exited.*exit code 1.*pid \d+ \[.*\]: /s);
  });

  it('kills a build stuck after Astro\'s "Complete!" and reports success', async () => {
    // Astro colours its log: the marker is found through the escape codes.
    const r = await runAstroBuild({
      ...quiet,
      exitGraceSeconds: 0.3,
      command: fake('console.log("\\x1b[34m[build]\\x1b[39m \\x1b[1mComplete!\\x1b[22m"); setInterval(() => {}, 1000)'),
    });
    expect(r.code).toBe(0);
  });

  it('runs a silent, stuck build once more, then fails it', async () => {
    const r = await runAstroBuild({ ...quiet, idleSeconds: 0.3, command: fake('setInterval(() => {}, 1000)') });
    expect(r.code).not.toBe(0);
    expect(r.attempts).toBe(2);
    expect(r.notes.filter((n) => n.startsWith('no output for'))).toHaveLength(2);
  });

  it('does not kill a build that keeps printing', async () => {
    const r = await runAstroBuild({
      ...quiet,
      idleSeconds: 0.6,
      command: fake(
        // One string: console.log colours a number argument when FORCE_COLOR is set (CI).
        'let n = 0; const t = setInterval(() => { console.log(`page ${n}`); if (++n === 8) { clearInterval(t); } }, 150)',
      ),
    });
    expect(r.code).toBe(0);
    expect(r.notes).toEqual([]);
    expect(r.output).toContain('page 7');
  });

  it('starts every build with Astro telemetry off, whatever the caller passes', async () => {
    const r = await runAstroBuild({
      ...quiet,
      env: { ASTRO_TELEMETRY_DISABLED: '', X_CALLER: 'kept' },
      command: fake(
        'console.log(`telemetry=${process.env.ASTRO_TELEMETRY_DISABLED} caller=${process.env.X_CALLER}`); console.log("[build] Complete!")',
      ),
    });
    expect(r.output).toContain('telemetry=1 caller=kept');
    expect(buildEnv(undefined).ASTRO_TELEMETRY_DISABLED).toBe('1');
  });
});
