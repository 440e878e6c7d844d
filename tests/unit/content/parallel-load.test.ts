import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { validCorpus } from './samples';

const WORKER = join(process.cwd(), 'src', 'content', 'yaml-worker.mjs');

/** Enough macros for a cold load to hand half of them to the parse worker, one of them broken. */
function manyFiles() {
  const extra: Record<string, string> = {};
  for (let i = 0; i < 240; i++)
    extra[`macros/m_${String(i).padStart(3, '0')}.yml`] = `definition: index=main EventCode=${i}\ndescription: Macro ${i}.\nname: m_${i}\n`;
  // In the second half, which the worker parses: an unclosed quote on line 2.
  extra['macros/m_230.yml'] = "name: m_230\ndefinition: 'index=main\ndescription: broken\n";
  return validCorpus(undefined, extra);
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('a cold load with a parse worker', () => {
  it('loads what a load without one loads, problems and their lines included', () => {
    const dir = manyFiles();
    const alone = loadCatalog(dir);
    const shared = loadCatalog(dir, { parseWorker: WORKER });
    expect(plain(shared)).toEqual(plain(alone));
    expect(shared.macros.length).toBe(240);
    const broken = shared.problems.find((p) => p.file === 'macros/m_230.yml');
    expect(broken).toMatchObject({ severity: 'error', line: 2 });
  });

  it('loads everything itself when the worker cannot start', () => {
    const dir = manyFiles();
    const loaded = loadCatalog(dir, { parseWorker: join(dir, 'no-such-worker.mjs') });
    expect(plain(loaded)).toEqual(plain(loadCatalog(dir)));
  });
});
