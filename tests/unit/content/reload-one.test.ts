import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, reloadCatalog } from '../../../src/domain/catalog/load';
import { problemKey } from '../../../src/content/problems';
import { OLD_DETECTION, validCorpus } from './samples';

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
