import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeTree, killTree } from './process-tree.mjs';

/**
 * Runs `astro build` for the test suites, with a watchdog.
 *
 * A CI run saw a build that had stopped on content errors sit for half an hour instead of
 * exiting; 500 runs here never did. The likeliest cause is a rare deadlock in Node's shutdown
 * (nodejs/node#54918: the main thread drains V8's background tasks while a compile task waits
 * on the main thread), which no code of ours can avoid. So:
 * - once the build has printed its last line (Astro's "Complete!" or our "Build stopped:"),
 *   it has `exitGraceSeconds` to exit; after that it is killed and the exit code its last
 *   line stands for is used, and the log says so;
 * - a build that prints nothing for `idleSeconds` is killed and run once more; a second
 *   hang fails.
 * Either way the state of every thread of the stuck process goes to the log, so a hang can be
 * told apart from slow work.
 */

const ANSI = /\x1b\[[0-9;]*m/g;
const ENDINGS = [
  { pattern: /\[build\] Complete!/, code: 0 },
  { pattern: /^Build stopped:/m, code: 1 },
];

/**
 * @typedef {{ code: number, seconds: number, output: string, attempts: number, notes: string[] }} AstroBuildResult
 * @param {{ root: string, outDir: string, env?: Record<string, string>, echo?: boolean,
 *   idleSeconds?: number, exitGraceSeconds?: number, attempts?: number, log?: (line: string) => void,
 *   command?: string[] }} o  `command` replaces `node astro.mjs build --outDir …` (for the runner's own tests)
 * @returns {Promise<AstroBuildResult>}
 */
export async function runAstroBuild(o) {
  const attempts = o.attempts ?? 2;
  const log = o.log ?? ((line) => console.log(line));
  const notes = [];
  const note = (/** @type {string} */ n) => {
    notes.push(n);
    log(`[astro-build] ${n}`);
  };
  const t0 = Date.now();
  for (let attempt = 1; ; attempt++) {
    const r = await once(o, note);
    if (!r.hung || attempt >= attempts) {
      return { code: r.code, seconds: (Date.now() - t0) / 1000, output: r.output, attempts: attempt, notes };
    }
    note(`attempt ${attempt} hung; running the build again`);
  }
}

/** The Node that runs the project (the `node` devDependency), else this one. */
function projectNode(root) {
  const pinned = join(root, 'node_modules', '.bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
}

/**
 * @param {Parameters<typeof runAstroBuild>[0]} o
 * @param {(note: string) => void} note
 * @returns {Promise<{ code: number, output: string, hung: boolean }>}
 */
/**
 * The environment of a build: ours, the caller's additions, and Astro's telemetry off (a CI
 * build runs next to deploy secrets and reports to no one).
 * @param {Record<string, string> | undefined} extra
 */
export function buildEnv(extra) {
  return { ...process.env, ...extra, ASTRO_TELEMETRY_DISABLED: '1' };
}

function once(o, note) {
  const idleMs = (o.idleSeconds ?? 180) * 1000;
  const graceMs = (o.exitGraceSeconds ?? 30) * 1000;
  const [cmd, ...args] = o.command ?? [
    projectNode(o.root),
    join(o.root, 'node_modules', 'astro', 'bin', 'astro.mjs'),
    'build',
    '--outDir',
    o.outDir,
  ];
  const child = spawn(cmd, args, {
    cwd: o.root,
    env: buildEnv(o.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  /** @type {number | null} */
  let ending = null;
  let hung = false;
  let timer = setTimeout(onIdle, idleMs);
  let graceTimer = /** @type {NodeJS.Timeout | null} */ (null);

  function onIdle() {
    hung = true;
    note(`no output for ${idleMs / 1000} s: killing it. ${describeTree(child.pid)}`);
    killTree(child.pid);
  }
  function onData(chunk, stream) {
    const text = chunk.toString();
    output += text;
    if (o.echo) stream.write(text);
    clearTimeout(timer);
    timer = setTimeout(onIdle, idleMs);
    if (ending === null) {
      const plain = output.slice(-4096).replace(ANSI, '');
      const end = ENDINGS.find((e) => e.pattern.test(plain));
      if (end) {
        ending = end.code;
        graceTimer = setTimeout(() => {
          note(
            `the build printed its last line but had not exited ${graceMs / 1000} s later: killing it and taking exit code ${end.code} from that line. ${describeTree(child.pid)}`,
          );
          killTree(child.pid);
        }, graceMs);
      }
    }
  }
  child.stdout.on('data', (c) => onData(c, process.stdout));
  child.stderr.on('data', (c) => onData(c, process.stderr));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      const killedAfterEnd = signal === 'SIGKILL' && ending !== null && !hung;
      resolve({ code: killedAfterEnd ? ending : (code ?? 1), output, hung });
    });
  });
}
