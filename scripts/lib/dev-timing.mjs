import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * The dev server as an author meets it, timed: from `astro dev` starting to the first
 * detection page answering, and from saving a detection's new description to the page
 * serving it. Runs over a copy of `contentDir` (the edit must not touch the original).
 * @param {{ root: string, contentDir: string, starts?: number, edits?: number, log?: (s: string) => void }} o
 * @returns {Promise<{ startMs: number[], editMs: number[], page: string }>}
 */
export async function devTiming(o) {
  const log = o.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'dev-timing-'));
  const content = join(work, 'content');
  cpSync(o.contentDir, content, { recursive: true });
  const folder = readdirSync(join(content, 'detections'))
    .filter((f) => f !== 'deprecated')
    .sort()[0];
  const file = join(content, 'detections', folder, readdirSync(join(content, 'detections', folder)).sort()[0]);
  const text = readFileSync(file, 'utf8');
  const id = /^id:\s*['"]?([0-9a-f-]{36})/im.exec(text)[1].toLowerCase();
  const startMs = [];
  const editMs = [];
  let page = '';
  try {
    for (let round = 0; round < (o.starts ?? 2); round++) {
      const t0 = performance.now();
      const server = await startDev(o.root, content);
      try {
        page = `${await server.url}${folder}/${id}/`;
        await until(async () => (await fetch(page).catch(() => null))?.status === 200, 180_000);
        startMs.push(performance.now() - t0);
        log(`dev start to the first detection page: ${(startMs.at(-1) / 1000).toFixed(2)} s`);
        if (round < (o.starts ?? 2) - 1) continue;
        for (let e = 0; e < (o.edits ?? 3); e++) {
          const mark = `edited-${Date.now()}-${e}`;
          writeFileSync(file, text.replace(/^description: /m, `description: ${mark} `));
          const t1 = performance.now();
          await until(async () => (await (await fetch(page)).text()).includes(mark), 60_000);
          editMs.push(performance.now() - t1);
          log(`description edit to served: ${editMs.at(-1).toFixed(0)} ms`);
          await new Promise((r) => setTimeout(r, 300));
        }
      } finally {
        server.stop();
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    writeFileSync(file, text);
    rmSync(work, { recursive: true, force: true });
  }
  return { startMs, editMs, page };
}

function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => done(port));
    });
  });
}

/** `astro dev` over `content`, its URL once it prints one, and a way to stop it. */
async function startDev(root, content) {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
  );
  const child = spawn(
    join(root, 'node_modules', '.bin', 'node'),
    [
      join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'),
      'dev',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--ignore-lock',
    ],
    { cwd: root, env: { ...env, CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1' }, detached: true },
  );
  // Without colour codes: one between "Local" and the address (FORCE_COLOR, CI) hides the address.
  let raw = '';
  let out = '';
  const append = (d) => {
    raw += d;
    out = stripVTControlCharacters(raw);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const url = until(() => /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.test(out), 180_000).then(
    () => /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)[1],
  );
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}

/** @param {() => boolean | Promise<boolean>} check */
async function until(check, ms) {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return;
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
