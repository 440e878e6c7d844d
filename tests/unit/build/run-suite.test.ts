import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { processTree } from '../../../scripts/lib/process-tree.mjs';
import { runSuite } from '../../../scripts/lib/run-suite.mjs';

const dir = mkdtempSync(join(tmpdir(), 'run-suite-'));
const liveState = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    return state === 'Z' || state === 'X' ? null : state;
  } catch {
    return null;
  }
};
const node = (script: string) => [process.execPath, ['-e', script]] as const;

describe('the suite runner of npm test', () => {
  it('passes the exit code of a suite that ends', async () => {
    const [cmd, args] = node('process.exitCode = 4');
    expect(await runSuite(cmd, [...args], {}, { root: dir, report: join(dir, 'none.json') })).toEqual({
      code: 4,
      killed: null,
    });
  });

  it('kills a suite, children included, that wrote its report and hangs', async () => {
    const report = join(dir, 'report.json');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // The suite starts a child that hangs too, as npx does.
    const [cmd, args] = node(
      `const { spawn } = require('node:child_process');
       const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'child.pid'))}, String(c.pid));
       require('node:fs').writeFileSync(${JSON.stringify(report)}, '{}');
       setInterval(() => {}, 1000);`,
    );
    const r = await runSuite(cmd, [...args], {}, { root: dir, report, graceSeconds: 0.3 });
    log.mockRestore();
    expect(r.killed).toBe('after-report');
    const childPid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await new Promise((res) => setTimeout(res, 200));
    // Gone, or dead and waiting to be reaped by whoever adopted it.
    expect(liveState(childPid)).toBeNull();
  });

  it('does not count a report older than the run', async () => {
    const report = join(dir, 'old.json');
    writeFileSync(report, '{}');
    await new Promise((res) => setTimeout(res, 20));
    const [cmd, args] = node('setTimeout(() => {}, 900)');
    expect(await runSuite(cmd, [...args], {}, { root: dir, report, graceSeconds: 0.2 })).toEqual({
      code: 0,
      killed: null,
    });
  });

  it('lists a process and its descendants', async () => {
    const tree = processTree(process.pid);
    expect(tree[0]).toBe(process.pid);
  });
});
