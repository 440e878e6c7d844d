/**
 * Every class of YAML mistake is reported where the author has to fix it: the opening quote
 * or bracket that is never closed (not the end of the file, where the parser noticed), the
 * over-indented line, the tab, the second of two equal keys (naming the first).
 */
import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../../src/content/yaml-file';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { OLD_DETECTION, validCorpus } from './samples';

const problemsOf = (text: string) =>
  parseYamlFile(new TextEncoder().encode(text), 'f.yml').problems.map((p) => ({
    at: `${p.line}:${p.column}`,
    code: p.code,
    message: p.message,
  }));

/** A 38-line file whose line 12 is `line12`. */
const file38 = (line12: string) =>
  `${Array.from({ length: 38 }, (_, i) => (i === 11 ? line12 : `key${i + 1}: value ${i + 1}`)).join('\n')}\n`;

describe('YAML error positions', () => {
  it('an unclosed double or single quote: where it opens, not at the end of the file', () => {
    for (const q of ['"', "'"]) {
      const [p, ...rest] = problemsOf(file38(`description: ${q}opened on line 12`));
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ at: '12:14', code: 'yaml-syntax' });
      expect(p.message).toMatch(/^the quote opened here is never closed/);
    }
    // Escaped quotes inside do not close it; an earlier closed one is not blamed.
    expect(problemsOf('name: "ok"\nsearch: "a \\"b\\" c\nc: 3\n')[0].at).toBe('2:9');
    expect(problemsOf("name: 'it''s'\nsearch: 'it''s open\nc: 3\n")[0].at).toBe('2:9');
  });

  it('an unclosed flow sequence or mapping: at its bracket', () => {
    expect(problemsOf('name: x\nid: [1, 2\nc: 3\n')[0]).toMatchObject({ at: '2:5' });
    expect(problemsOf('name: x\ntags: {a: 1\nc: 3\n')[0].message).toMatch(/^the \{ opened here is never closed/);
    expect(problemsOf('name: x\ntags: {a: 1\nc: 3\n')[0].at).toBe('2:7');
  });

  it('bad indentation: the line indented too deep, or the one that leaves its column', () => {
    const deeper = problemsOf('name: x\ntags:\n  a: 1\n   b: 2\nc: 3\n');
    expect(deeper).toHaveLength(1);
    expect(deeper[0]).toMatchObject({ at: '4:4', code: 'yaml-syntax' });
    expect(deeper[0].message).toMatch(/indented deeper than the key above/);
    expect(problemsOf('name: x\ntags:\n  a: 1\n b: 2\nc: 3\n')).toEqual([
      expect.objectContaining({ at: '4:1', message: 'All mapping items must start at the same column' }),
    ]);
  });

  it('tabs: at the tab', () => {
    expect(problemsOf('name: x\ntags:\n\ta: 1\nc: 3\n')[0]).toMatchObject({ at: '3:1', code: 'yaml-syntax' });
    expect(problemsOf('name: x\ntags:\n  a: 1\n\tb: 2\n')[0]).toMatchObject({ at: '4:1' });
  });

  it('duplicate keys: at the second, naming the line of the first', () => {
    expect(problemsOf('name: x\nid: 1\ntags:\n  a: 1\n  a: 2\nname: y\n')).toEqual([
      { at: '5:3', code: 'yaml-duplicate-key', message: 'duplicate key "a", first on line 4' },
      { at: '6:1', code: 'yaml-duplicate-key', message: 'duplicate key "name", first on line 1' },
    ]);
  });

  it('reaches the report through the loader with the file path', () => {
    const dir = validCorpus(OLD_DETECTION.replace('type: Anomaly', 'type: "Anomaly'));
    const [p] = loadCatalog(dir).problems.filter((x) => x.severity === 'error');
    expect(p).toMatchObject({
      file: 'detections/cloud/sample_shell_in_container.yml',
      code: 'yaml-syntax',
      line: 7,
      column: 7,
    });
  });
});
