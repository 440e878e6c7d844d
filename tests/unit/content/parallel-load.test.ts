import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { validCorpus } from './samples';
import { parseInWorker } from '../../../src/content/yaml-parallel';
import { parseYamlFile } from '../../../src/content/yaml-file';

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

describe('the parse worker', () => {
  it('gives what the loader would parse, problems and lines included, for the files it claimed', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      file: `macros/m_${i}.yml`,
      bytes: new TextEncoder().encode(
        i === 7 ? "name: m_7\ndefinition: 'index=main\n" : `name: m_${i}\ndefinition: index=main EventCode=${i}\n`,
      ),
    }));
    const p = parseInWorker(WORKER, items);
    // This thread claims nothing for a while: the worker claims every file, from the end.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
    for (const it of items) {
      const got = p.take(it.file);
      const own = parseYamlFile(it.bytes, it.file);
      expect(got, it.file).toEqual({ data: own.data, problems: own.problems });
    }
    expect(p.take('macros/m_7.yml')?.problems[0]).toMatchObject({ code: 'yaml-syntax', line: 2 });
  });

  it('leaves to this thread the files it reaches first', () => {
    const items = [{ file: 'a.yml', bytes: new TextEncoder().encode('name: a\n') }];
    expect(parseInWorker(WORKER, items).take('a.yml')).toBeUndefined();
  });
});
