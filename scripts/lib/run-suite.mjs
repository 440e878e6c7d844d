import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { describeTree, killTree } from './process-tree.mjs';

/**
 * Runs one test suite's command for `npm test`, its output going straight to the terminal.
 * Node can hang while a process shuts down (scripts/lib/astro-build.mjs says more), so a
 * suite that has written its report (`report`, a file) gets `graceSeconds` to exit, then it is
 * killed with its children and its report counts; a suite that runs past `minutes` is killed
 * and fails. What was killed, and where its threads waited, is printed.
 * @param {string} cmd @param {string[]} args @param {Record<string, string>} [env]
 * @param {{ root: string, report?: string | null, minutes?: number, graceSeconds?: number }} o
 * @returns {Promise<{ code: number, killed: 'after-report' | 'timeout' | null }>}
 */
export function runSuite(cmd, args, env = {}, o) {
  const { root, report = null, minutes = 30, graceSeconds = 60 } = o;
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  /** @type {'after-report' | 'timeout' | null} */
  let killed = null;
  const stop = (/** @type {'after-report' | 'timeout'} */ why, /** @type {string} */ message) => {
    killed = why;
    console.log(`\n[test] ${message}: killing it. ${describeTree(child.pid)}\n`);
    killTree(child.pid);
  };
  const name = [cmd, ...args.slice(0, 1)].join(' ');
  const timeout = setTimeout(() => stop('timeout', `${name} ran for ${minutes} minutes`), minutes * 60_000);
  /** @type {NodeJS.Timeout | null} */
  let grace = null;
  const poll = setInterval(() => {
    // A report left by an earlier run is older than this one.
    if (grace || !report || !existsSync(report) || statSync(report).mtimeMs < started) return;
    grace = setTimeout(
      () => stop('after-report', `${name} wrote its report but had not exited ${graceSeconds} s later`),
      graceSeconds * 1000,
    );
  }, 250);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timeout);
      clearInterval(poll);
      if (grace) clearTimeout(grace);
      resolve({ code: code ?? 1, killed });
    });
  });
}
