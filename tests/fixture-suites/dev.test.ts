/**
 * The dev server as a content author uses it: break a detection's YAML, see the file, the
 * right line and the reason on that detection's page and in the terminal; fix it, get the
 * page back. Runs `astro dev` over a copy of the sample content.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build';

const FILE = 'detections/cloud/aws_console_login_from_new_country.yml';
const ID = 'e3a81cab-522a-43aa-a36c-554587f4fcf6';
// Where the server listens: Vite moves to the next port when the one asked for is taken.
let URL_ROOT = '';
let PAGE = '';

/** The environment without Vitest's own variables (NODE_ENV=test, VITEST…), which change how Astro serves. */
const devEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));

/** A port nothing listens on now. */
const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => done(port));
    });
  });

let dir: string;
let server: ChildProcess;
// The server's output without colour codes: Astro colours it whenever FORCE_COLOR or a CI
// setting asks, and a colour code between "Local" and the address hides the address.
let log = '';
let raw = '';
const append = (text: string) => {
  raw += text;
  log = stripVTControlCharacters(raw);
};

const get = async (url: string) => {
  const r = await fetch(url);
  return { status: r.status, text: await r.text() };
};

/** Polls `check` every 25 ms until it holds; the milliseconds it took. */
async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms; server log:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'dev-content-')), 'content');
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  server = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'),
      'dev',
      '--host',
      '127.0.0.1',
      '--port',
      String(await freePort()),
      '--ignore-lock',
    ],
    { cwd: ROOT, env: { ...devEnv(), CONTENT_DIR: dir, BASE_PATH: '', CATALOG_HISTORY: '0' }, detached: true },
  );
  server.stdout!.on('data', (d: Buffer) => append(d.toString()));
  server.stderr!.on('data', (d: Buffer) => append(d.toString()));
  server.on('exit', (code) => append(`\n[astro dev exited: ${code}]`));
  server.on('error', (e) => append(`\n[astro dev failed: ${e.message}]`));
  await until(() => log.includes('exited') || /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.test(log), 120_000);
  expect(log).not.toContain('[astro dev exited');
  URL_ROOT = /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(log)![1];
  PAGE = `${URL_ROOT}cloud/${ID}/`;
  let last = '';
  await until(async () => {
    const r = await fetch(PAGE).catch((e: Error) => ((last = String(e.cause ?? e)), null));
    if (r) last = `${r.status} ${(await r.text()).slice(0, 300)}`;
    return r?.status === 200;
  }, 20_000).catch((e: Error) => {
    throw new Error(`${e.message}\nlast answer: ${last}`);
  });
});

afterAll(() => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('dev server: content errors where the author looks', () => {
  it('serves /health/ and /content-report.json', async () => {
    expect((await get(`${URL_ROOT}health/`)).status).toBe(200);
    const report = JSON.parse((await get(`${URL_ROOT}content-report.json`)).text) as { errors: number };
    expect(report.errors).toBe(0);
  });

  it('shows a broken detection on its page and in the terminal, and restores it when fixed', async () => {
    const abs = join(dir, FILE);
    const good = readFileSync(abs, 'utf8');
    const line = good.split('\n').findIndex((l) => l.startsWith('type: ')) + 1;
    const before = log.length;
    writeFileSync(abs, good.replace(/^type: (.*)$/m, 'type: "$1'));
    const expected = `error ${FILE}:${line}:7: the quote opened here is never closed`;
    let page = { status: 0, text: '' };
    const shown = await until(
      async () => (page = await get(PAGE)).status === 500 && log.slice(before).includes(expected),
    );
    expect(page.text).toContain(`${FILE}:${line}:7`);
    expect(page.text).toContain('yaml-syntax');
    // How fast is the bench's to say (npm run bench, dev part): a timed test fails on a busy machine.
    console.log(`[dev] broken file shown after ${Math.round(shown)} ms`);
    const report = JSON.parse((await get(`${URL_ROOT}content-report.json`)).text) as {
      problems: { severity: string; file: string; line: number }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ file: FILE, line }),
    ]);
    expect((await get(`${URL_ROOT}health/`)).text).toContain(FILE);

    const mark = log.length;
    writeFileSync(abs, good);
    const restored = await until(
      async () => (await get(PAGE)).status === 200 && log.slice(mark).includes(`fixed ${expected}`),
    );
    console.log(`[dev] fixed file restored after ${Math.round(restored)} ms`);
    expect((await get(PAGE)).text).toContain('AWS Console Login From New Country');
  });
});
