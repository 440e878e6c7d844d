import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/domain/catalog/load';
import { CORPUS, corpus } from './corpus';

/**
 * A copy of the real corpus plus one look-alike of a real story, of the macro most detections
 * use and of a real detection's research.splunk.com alias: the originals keep their pages.
 */
describe('the real corpus plus look-alike additions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-takeover-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(CORPUS, dir, { recursive: true });
  const rename = (from: string, to: string, name: string, id?: string) => {
    let text = readFileSync(join(CORPUS, from), 'utf8').replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`);
    if (id) text = text.replace(/^id: .*$/m, `id: ${id}`);
    writeFileSync(join(dir, to), text);
  };
  const victim = corpus().detections.find((d) => d.folder === 'endpoint' && d.name.includes(' '))!;
  rename(
    'stories/log4shell_cve_2021_44228.yml',
    'stories/zz_log4shell.yml',
    'Log4Shell|CVE-2021-44228',
    '00000000-0000-4000-8000-00000000a001',
  );
  rename('macros/security_content_ctime.yml', 'macros/zz_ctime.yml', 'security|content_ctime');
  rename(
    victim.filePath,
    'detections/endpoint/zz_alias.yml',
    victim.name.replace(/ /g, '|'),
    '00000000-0000-4000-8000-00000000a002',
  );
  const cat = loadCatalog(dir);
  const errors = cat.problems.filter((p) => p.severity === 'error');

  it('reports each look-alike as duplicate-slug naming the original, and nothing else', () => {
    expect(errors.map((p) => `${p.file} ${p.code}`).sort()).toEqual([
      'detections/endpoint/zz_alias.yml duplicate-slug',
      'macros/zz_ctime.yml duplicate-slug',
      'stories/zz_log4shell.yml duplicate-slug',
    ]);
    expect(errors.find((p) => p.file === 'stories/zz_log4shell.yml')!.message).toContain(
      'stories/log4shell_cve_2021_44228.yml',
    );
    expect(errors.find((p) => p.file === 'macros/zz_ctime.yml')!.message).toContain(
      'macros/security_content_ctime.yml',
    );
    expect(errors.find((p) => p.file === 'detections/endpoint/zz_alias.yml')!.message).toContain(victim.filePath);
  });

  it('keeps the originals, and only them, at their URLs', () => {
    expect(cat.stories.filter((s) => s.slug === 'log4shell_cve-2021-44228').map((s) => s.filePath)).toEqual([
      'stories/log4shell_cve_2021_44228.yml',
    ]);
    expect(cat.macros.filter((m) => m.slug === 'security_content_ctime').map((m) => m.filePath)).toEqual([
      'macros/security_content_ctime.yml',
    ]);
    expect(
      cat.detections.filter((d) => d.folder === 'endpoint' && d.alias === victim.alias).map((d) => d.filePath),
    ).toEqual([victim.filePath]);
    expect(cat.detections).toHaveLength(corpus().detections.length);
  });
});
