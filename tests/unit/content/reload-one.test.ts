import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent, type LoadedContent } from '../../../src/content/load';
import { checkContent } from '../../../src/domain/lint/index';
import { describe, expect, it } from 'vitest';
import { loadCatalog, reloadCatalog } from '../../../src/domain/catalog/load';
import { problemKey } from '../../../src/content/problems';
import { MACRO, OLD_DETECTION, validCorpus } from './samples';

const FILE = 'detections/cloud/sample_shell_in_container.yml';
const sorted = (c: ReturnType<typeof loadCatalog>) => ({
  ...c,
  problems: c.problems.map(problemKey).sort(),
  detections: [...c.detections].sort((a, b) => a.filePath.localeCompare(b.filePath)),
});

describe('reloading one edited file (dev)', () => {
  it('gives what a full load gives: the new text, its warnings, every other entry as it was', () => {
    const dir = validCorpus();
    const before = loadCatalog(dir);
    // A new description and a story that does not exist: a warning for this file only.
    writeFileSync(
      join(dir, FILE),
      OLD_DETECTION.replace(/^description: .*$/m, 'description: Edited text.').replace('- Sample Story', '- No Such Story'),
    );
    const fast = reloadCatalog(dir, before, FILE)!;
    expect(fast).not.toBeNull();
    expect(fast.detections[0].description).toBe('Edited text.');
    expect(fast.problems.map((p) => p.code)).toContain('unknown-story');
    expect(sorted(fast)).toEqual(sorted(loadCatalog(dir)));
    // And back: the warning goes.
    writeFileSync(join(dir, FILE), OLD_DETECTION);
    expect(sorted(reloadCatalog(dir, fast, FILE)!)).toEqual(sorted(loadCatalog(dir)));
  });

  it('says a full load is needed when the entry is gone or its id, name or URL changed', () => {
    const dir = validCorpus();
    const before = loadCatalog(dir);
    writeFileSync(join(dir, FILE), OLD_DETECTION.replace('type: Anomaly', "type: 'Anomaly"));
    expect(reloadCatalog(dir, before, FILE)).toBeNull();
    writeFileSync(join(dir, FILE), OLD_DETECTION.replace('name: Sample Shell In Container', 'name: Renamed'));
    expect(reloadCatalog(dir, before, FILE)).toBeNull();
    expect(reloadCatalog(dir, before, 'detections/cloud/new_file.yml')).toBeNull();
  });
});

describe('the checks of unchanged content are kept with the parse cache', () => {
  // Enough files that the first load writes the parse cache.
  const macros = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`macros/m${i}.yml`, MACRO.replace('name: sample_falco', `name: m${i}`)]),
  );

  it('runs them again only when a file changes, and gives the same problems either way', () => {
    const dir = validCorpus(OLD_DETECTION.replace('- Sample Story', '- No Such Story'), macros);
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'yaml-cache-')), 'cache.json');
    let runs = 0;
    const checks = (c: LoadedContent) => (runs++, checkContent(c));
    const first = loadContent(dir, { yamlCacheFile: cacheFile, checks });
    const again = loadContent(dir, { yamlCacheFile: cacheFile, checks });
    expect(runs).toBe(1);
    expect(again.problems).toEqual(first.problems);
    expect(again.problems.map((p) => p.code)).toContain('unknown-story');
    writeFileSync(join(dir, FILE), OLD_DETECTION);
    const edited = loadContent(dir, { yamlCacheFile: cacheFile, checks });
    expect(runs).toBe(2);
    expect(edited.problems.map((p) => p.code)).not.toContain('unknown-story');
  });

  it('on a small folder, do not make one edited file rewrite the cache (it holds other folders too)', () => {
    const dir = validCorpus(OLD_DETECTION, macros);
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'yaml-cache-')), 'cache.json');
    loadContent(dir, { yamlCacheFile: cacheFile, checks: checkContent });
    const written = readFileSync(cacheFile, 'utf8');
    writeFileSync(join(dir, FILE), OLD_DETECTION.replace(/^description: .*$/m, 'description: Edited text.'));
    const edited = loadContent(dir, { yamlCacheFile: cacheFile, checks: checkContent });
    expect(edited.detections[0].description).toBe('Edited text.');
    expect(readFileSync(cacheFile, 'utf8')).toBe(written);
  });
});
