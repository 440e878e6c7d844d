import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHistoryOffThread } from '../../../src/build/history-read.ts';
import { commitEnv } from '../../helpers/git.ts';
import { readContentHistory } from '../../../src/content/git-history.ts';
import { entityTimeline } from '../../../src/domain/history/index.ts';
import { historySince, prepareHistory, withoutVersions } from '../../../src/domain/history/catalog.ts';
import { detectionHistoryView } from '../../../src/views/history.ts';

const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'src', 'build', 'history-worker.mjs');
const ID = 'abcdef01-0000-4000-8000-000000000001';
const repo = mkdtempSync(join(tmpdir(), 'history-worker-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function commitDetection(version: number, search: string, day: number) {
  mkdirSync(join(repo, 'detections', 'endpoint'), { recursive: true });
  writeFileSync(
    join(repo, 'detections', 'endpoint', 'x.yml'),
    `name: X\nid: ${ID}\nversion: ${version}\ndate: '2024-01-0${day}'\ndescription: Finds x.\nsearch: '${search}'\ntags:\n  asset_type: ${version > 1 ? 'Windows' : 'Endpoint'}\n`,
  );
  const env = commitEnv(`2024-01-0${day}T12:00:00+00:00`);
  execFileSync('git', ['-C', repo, 'add', '-A'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', `version ${version}`], { env });
}
execFileSync('git', ['-C', repo, 'init', '-q', '-b', 'main'], {
  env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
});
commitDetection(1, '| tstats count from datamodel=Endpoint.Processes', 1);
commitDetection(2, '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=x.exe', 2);
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

describe('the history read in a worker thread', () => {
  it('gives the history the main thread would read, without its versions, then every history view', async () => {
    const reading = readHistoryOffThread(SCRIPT, repo, { env });
    const history = await reading.history;
    const here = readContentHistory(repo, { env });
    expect('unavailable' in history).toBe(false);
    const h = here as Exclude<typeof here, { unavailable: string }>;
    const lean = withoutVersions(h, prepareHistory(h));
    expect(history).toEqual(lean.head);
    expect('detections' in history).toBe(false);
    // The timelines and releases come with it, as the main thread would make them, less the
    // parsed versions, which only the views read.
    const prepared = await reading.prepared;
    expect(prepared).toEqual(lean.prepared);
    expect(prepared!.timelines.detections.get(ID)!.entries.every((e) => e.data === null)).toBe(true);
    expect(prepared!.releases).toEqual(prepareHistory(h).releases);
    const views = await reading.views;
    expect(views).not.toBeNull();
    const expected = detectionHistoryView(entityTimeline(h.detections[ID]), historySince(h));
    expect(views!.detections.get(ID)).toEqual(expected);
    // The view holds the search diff the page shows.
    const search = views!.detections.get(ID)!.entries[0].diffs.find((d) => d.label === 'Search')!;
    expect(search.rows.some((r) => r.op === 'add' && r.text.includes('process_name=x.exe'))).toBe(true);
  });

  it('keeps the process alive while it waits: a process with nothing else to do still gets the history', () => {
    // An unreferenced worker let Node exit, with status 0, in the middle of an await.
    const script = [
      `import { readHistoryOffThread } from ${JSON.stringify(join(import.meta.dirname, '..', '..', '..', 'src', 'build', 'history-read.ts'))};`,
      `const r = readHistoryOffThread(${JSON.stringify(SCRIPT)}, ${JSON.stringify(repo)}, {});`,
      `const h = await r.history;`,
      `const v = await r.views;`,
      // One string: console.log colours a number argument when FORCE_COLOR is set (CI).
      'console.log(`commits ${h.commits.length} views ${v.detections.size}`);',
    ].join('\n');
    // A file, not `-e`: a worker inherits the parent's flags, and `--input-type` is refused there.
    const file = join(repo, 'wait.mjs');
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    expect(out.trim()).toBe('commits 2 views 1');
  });

  it('makes the views on this thread when the worker dies after sending the history without versions', async () => {
    // A worker that sends what the real one sends first, then exits before the views.
    const dying = join(repo, 'dying-worker.mjs');
    const src = join(import.meta.dirname, '..', '..', '..', 'src');
    writeFileSync(
      dying,
      [
        `import { parentPort, workerData } from 'node:worker_threads';`,
        `import { readContentHistory } from ${JSON.stringify(join(src, 'content', 'git-history.ts'))};`,
        `import { prepareHistory, withoutVersions } from ${JSON.stringify(join(src, 'domain', 'history', 'catalog.ts'))};`,
        `const h = readContentHistory(workerData.contentDir, workerData.options);`,
        `const lean = withoutVersions(h, prepareHistory(h));`,
        `parentPort.postMessage({ history: lean.head, prepared: lean.prepared, lean: true, ms: 1 });`,
        `process.exit(0);`,
      ].join('\n'),
    );
    const reading = readHistoryOffThread(dying, repo, { env });
    expect('detections' in (await reading.history)).toBe(false);
    const views = await reading.views;
    const h = readContentHistory(repo, { env }) as Exclude<
      ReturnType<typeof readContentHistory>,
      { unavailable: string }
    >;
    expect(views!.detections.get(ID)).toEqual(detectionHistoryView(entityTimeline(h.detections[ID]), historySince(h)));
  });

  it('falls back to reading on this thread when the worker cannot run, without views', async () => {
    const reading = readHistoryOffThread(join(repo, 'no-such-worker.mjs'), repo, { env });
    const history = await reading.history;
    expect(history).toEqual(readContentHistory(repo, { env }));
    expect(await reading.prepared).toBeNull();
    expect(await reading.views).toBeNull();
  });

  it('says why there is no history, as the main thread would, and sends no views', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'no-git-'));
    try {
      const reading = readHistoryOffThread(SCRIPT, plain, { env });
      expect(await reading.history).toEqual({ unavailable: 'the content folder is not inside a git work tree' });
      expect(await reading.views).toBeNull();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
