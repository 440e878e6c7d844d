import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OLD_DETECTION, validCorpus } from '../content/samples';
import { sarifErrors } from '../../helpers/sarif';
import { parseCommand } from '../../helpers/workflow-commands';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** `npm run check:content` as CI runs it: the script, with the pinned Node running the tests. */
function check(env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-content.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1', CATALOG_INCREMENTAL: '0', CATALOG_REPORT: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run check:content', () => {
  it('passes valid content without rendering anything', () => {
    const dir = validCorpus();
    const r = check({ CONTENT_DIR: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Content report: 0 errors/);
    expect(r.out).toMatch(/checked 4 files .* no page rendered/);
  });

  it('fails on an error with the file, line and reason; as workflow commands with CATALOG_REPORT=github', () => {
    const dir = validCorpus(OLD_DETECTION.replace('type: Anomaly', "type: 'Anomaly"));
    const file = 'detections/cloud/sample_shell_in_container.yml';
    const sarif = join(dir, '..', `${Date.now()}.sarif`);
    const r = check({ CONTENT_DIR: dir, CATALOG_REPORT: 'github' }, ['--sarif', sarif]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error ${file}:7:7: the quote opened here is never closed`);
    const commands = r.out.split('\n').filter((l) => l.startsWith('::'));
    expect(commands.length).toBeGreaterThan(0);
    expect(parseCommand(commands[0])).toMatchObject({ command: 'error', props: { file, line: '7', col: '7' } });
    expect(existsSync(sarif)).toBe(true);
    expect(sarifErrors(JSON.parse(readFileSync(sarif, 'utf8')))).toEqual([]);
    // Lenient: reported, not failed.
    expect(check({ CONTENT_DIR: dir, CATALOG_LENIENT: '1' }).code).toBe(0);
  });
});
