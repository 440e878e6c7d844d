import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readRegular, realContentDir, walkContent } from '../../../src/content/safe-fs';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { validCorpus } from '../content/samples';

const SECRET = 'outside-secret-7f3a9c';

/** A content folder with real links (to a file and a folder outside it, and to /proc). */
function linked(): { dir: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'safe-fs-'));
  const dir = join(base, 'content');
  const outside = join(base, 'outside');
  mkdirSync(join(dir, 'detections', 'endpoint'), { recursive: true });
  mkdirSync(join(outside, 'folder'), { recursive: true });
  writeFileSync(join(outside, 'secret.yml'), `name: ${SECRET}\n`);
  writeFileSync(join(outside, 'folder', 'inside.yml'), `name: ${SECRET}\n`);
  writeFileSync(join(dir, 'detections', 'endpoint', 'real.yml'), 'name: real\n');
  writeFileSync(join(dir, 'detections', 'endpoint', 'notes.txt'), 'not yaml\n');
  symlinkSync(join(outside, 'secret.yml'), join(dir, 'detections', 'endpoint', 'linked.yml'));
  symlinkSync(join(outside, 'folder'), join(dir, 'detections', 'linked_folder'));
  symlinkSync(join(outside, 'folder'), join(dir, 'stories'));
  symlinkSync('/proc/self/environ', join(dir, 'detections', 'endpoint', 'environ.yml'));
  return { dir, outside };
}

describe('walkContent', () => {
  it('lists regular .yml files and names every link instead of following it', () => {
    const { dir } = linked();
    const r = walkContent(dir, 'detections', true);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['detections/endpoint/real.yml']);
    expect(r.refused.map((x) => `${x.file} ${x.code}`).sort()).toEqual([
      'detections/endpoint/environ.yml symlink',
      'detections/endpoint/linked.yml symlink',
      'detections/linked_folder symlink',
    ]);
  });

  it('refuses a kind folder that is a link, and reads nothing in it', () => {
    const { dir } = linked();
    expect(walkContent(dir, 'stories', true)).toEqual({
      files: [],
      refused: [expect.objectContaining({ file: 'stories', code: 'symlink' })],
    });
  });

  it('treats a missing folder as empty', () => {
    const { dir } = linked();
    expect(walkContent(dir, 'macros', false)).toEqual({ files: [], refused: [] });
  });

  it('names a pipe as a special file', () => {
    const { dir } = linked();
    const fifo = join(dir, 'detections', 'endpoint', 'pipe.yml');
    execFileSync('mkfifo', [fifo]);
    expect(walkContent(dir, 'detections', true).refused.map((x) => `${x.file} ${x.code}`)).toContain(
      'detections/endpoint/pipe.yml special-file',
    );
  });
});

describe('readRegular', () => {
  it('reads a regular file, up to a byte cap, with its full size', () => {
    const { dir } = linked();
    const f = join(dir, 'detections', 'endpoint', 'real.yml');
    expect(readRegular(f)).toMatchObject({ ok: true, size: 11, truncated: false });
    const cut = readRegular(f, 4);
    expect(cut.ok && cut.bytes.toString()).toBe('name');
    expect(cut).toMatchObject({ size: 11, truncated: true });
  });

  it('refuses a link by its name (O_NOFOLLOW), even one into /proc', () => {
    const { dir } = linked();
    expect(readRegular(join(dir, 'detections', 'endpoint', 'linked.yml'))).toMatchObject({
      ok: false,
      code: 'symlink',
    });
    expect(readRegular(join(dir, 'detections', 'endpoint', 'environ.yml'))).toMatchObject({
      ok: false,
      code: 'symlink',
    });
  });

  it('says a missing file is missing', () => {
    expect(readRegular(join(tmpdir(), 'no-such-file-here.yml'))).toMatchObject({ ok: false, code: 'missing' });
  });
});

describe('realContentDir', () => {
  it('resolves a CONTENT_DIR that is itself a link (the user chose it)', () => {
    const { dir } = linked();
    const alias = `${dir}-alias`;
    symlinkSync(dir, alias);
    expect(realContentDir(alias)).toBe(realContentDir(dir));
  });
});

describe('loadCatalog with links in the content', () => {
  it('reports each link as a symlink error and never reads through it (CSV, YAML, folders)', () => {
    const base = mkdtempSync(join(tmpdir(), 'safe-load-'));
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.csv'), `user,secret\nroot,${SECRET}\n`);
    const dir = validCorpus(undefined, {
      'lookups/linked.yml': 'name: linked\ndescription: its CSV is a link\nfilename: linked.csv\n',
      'lookups/environ.yml': 'name: environ\ndescription: its CSV is /proc/self/environ\nfilename: environ.csv\n',
    });
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'lookups', 'linked.csv'));
    symlinkSync('/proc/self/environ', join(dir, 'lookups', 'environ.csv'));
    symlinkSync(outside, join(dir, 'baselines'));
    const cat = loadCatalog(dir);
    const errors = cat.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.file} ${p.code}`)
      .sort();
    expect(errors).toEqual([
      'baselines symlink',
      'lookups/environ.csv symlink',
      'lookups/environ.yml symlink',
      'lookups/linked.csv symlink',
      'lookups/linked.yml symlink',
    ]);
    // The valid neighbours load; a lookup whose data file is a link is left out with it.
    expect(cat.detections).toHaveLength(1);
    expect(cat.lookups).toEqual([]);
    expect(JSON.stringify(cat)).not.toContain(SECRET);
    expect(JSON.stringify(cat)).not.toContain(process.env.PATH ?? SECRET);
  });

  it('loads through a CONTENT_DIR that is itself a link, as from the folder it names', () => {
    const dir = validCorpus();
    const alias = `${dir}-alias`;
    symlinkSync(dir, alias);
    const cat = loadCatalog(alias);
    expect(cat.problems).toEqual([]);
    expect(cat.detections.map((d) => d.filePath)).toEqual(['detections/cloud/sample_shell_in_container.yml']);
  });

  it('refuses a YAML file over the size cap without reading it all', () => {
    const dir = validCorpus(undefined, {
      'macros/huge.yml': `name: huge\ndefinition: "${'x'.repeat(8 * 1024 * 1024)}"\n`,
    });
    const cat = loadCatalog(dir);
    expect(cat.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.code}`)).toEqual([
      'macros/huge.yml file-too-large',
    ]);
    expect(cat.macros).toHaveLength(1);
  });
});
