import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { lintText } from '../../../src/domain/lint/lint-text';
import { DATA_SOURCE, OLD_DETECTION, validCorpus } from './samples';

const refs = ['https://www.splunk.com@evil.example/', 'https://spl\u0443nk.com/', 'https://example.org/\u202eexe', 'https://www.splunk.com\t.evil.example/', 'http://169.254.169.254/latest/'];
const detection = OLD_DETECTION.replace('- https://example.org/falco', refs.map((r) => `- ${JSON.stringify(r)}`).join('\n'))
  .replace("date: '2024-09-30'", "date: '9999-12-31'")
  .replace('author: Test Author, Example', 'author: "Mallory \\x1b[31m\\u0000\\u0085\\u2028"')
  .replace('description: Finds an interactive shell started inside a container.', 'description: "See http://localhost:8000/en-US/app/ now."');
const source = DATA_SOURCE.replace('- name: Sample TA\n  url: https://example.org/ta', '- name: https://splunkbase.splunk.com/app/742\n  url: https://evil.example/ta');

let dir: string;
let cat: ReturnType<typeof loadCatalog>;
beforeAll(() => {
  dir = validCorpus(detection, { 'data_sources/sample_falco.yml': source });
  cat = loadCatalog(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codes = (file: string) => cat.problems.filter((p) => p.file === file && p.severity === 'warning').map((p) => `${p.code} ${p.field}`);

describe('text checks on loaded content', () => {
  it('warns about each misleading link, by field', () => {
    const got = codes('detections/cloud/sample_shell_in_container.yml');
    expect(got).toEqual(expect.arrayContaining([
      'link-userinfo references[0]', 'link-idn-host references[1]', 'link-invisible references[2]', 'link-whitespace references[3]',
      'link-private-host references[4]', 'link-private-host description',
    ]));
    expect(codes('data_sources/sample_falco.yml')).toContain('link-text-mismatch supported_TA[0].url');
  });

  it('removes control characters from values, with a warning naming the field', () => {
    const d = cat.detections[0];
    expect(d.author).toBe('Mallory [31m\n');
    expect(codes('detections/cloud/sample_shell_in_container.yml')).toContain('control-character author');
  });

  it('warns about a date after the build day, and not about one within a day of it', () => {
    expect(codes('detections/cloud/sample_shell_in_container.yml')).toContain('future-date date');
    const d = { ...cat.detections[0], date: '2025-06-02' };
    expect(lintText({ ...cat, detections: [d] }, '2025-06-01').filter((p) => p.code === 'future-date')).toEqual([]);
  });
});
