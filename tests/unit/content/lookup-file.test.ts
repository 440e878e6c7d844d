import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { lookupDownloadName, lookupFilePath, readLookupFile } from '../../../src/content/lookup-file';
import { MAX_CSV_BYTES } from '../../../src/content/csv-summary';
import { paths } from '../../../src/domain/urls/index';
import { validCorpus } from './samples';

const lookupYaml = (name: string, filename: string) =>
  `name: ${name}\ndescription: Rows.\nfilename: ${filename}\nmatch_type: WILDCARD(user)\nmin_matches: 1\ncase_sensitive_match: 'false'\n`;

describe('lookup CSV downloads', () => {
  it('publishes a CSV read whole, at a path inside its own page folder', () => {
    const dir = validCorpus(undefined, {
      'lookups/admins.yml': lookupYaml('admins', 'admins_2024.csv'),
      'lookups/admins_2024.csv': 'user,role\nalice,admin\nbob,admin\n',
    });
    const c = loadCatalog(dir);
    const l = c.lookups.find((x) => x.name === 'admins')!;
    expect(l.download).toEqual({ file: 'admins_2024.csv', bytes: 32 });
    expect(paths.lookupFile({ slug: l.slug, download: l.download! })).toBe('lookups/admins/admins_2024.csv');
    const read = readLookupFile(dir, l.filename!);
    expect(read.ok && read.bytes.toString()).toBe('user,role\nalice,admin\nbob,admin\n');
  });

  it('names a symlinked CSV and publishes no download of it', () => {
    const base = mkdtempSync(join(tmpdir(), 'lookup-link-'));
    writeFileSync(join(base, 'secret.csv'), 'token\nsecret-value\n');
    const dir = validCorpus(undefined, { 'lookups/linked.yml': lookupYaml('linked', 'linked.csv') });
    symlinkSync(join(base, 'secret.csv'), join(dir, 'lookups', 'linked.csv'));
    const c = loadCatalog(dir);
    expect(c.lookups.find((x) => x.name === 'linked')).toBeUndefined();
    expect(c.problems).toContainEqual(
      expect.objectContaining({ code: 'symlink', severity: 'error', file: 'lookups/linked.yml', field: 'filename' }),
    );
    const read = readLookupFile(dir, 'linked.csv');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/symbolic link/);
  });

  it('names an oversized CSV and offers no download of its start', () => {
    const dir = validCorpus(undefined, {
      'lookups/huge.yml': lookupYaml('huge', 'huge.csv'),
      'lookups/huge.csv': Buffer.from(`user\n${'a\n'.repeat(MAX_CSV_BYTES / 2 + 10)}`),
    });
    const c = loadCatalog(dir);
    const l = c.lookups.find((x) => x.name === 'huge')!;
    expect(l.download).toBeNull();
    expect(l.rowCountAtLeast).toBe(true);
    expect(c.problems).toContainEqual(
      expect.objectContaining({ code: 'lookup-too-large', file: 'lookups/huge.csv', message: expect.stringMatching(/not offered for download/) }),
    );
    const read = readLookupFile(dir, 'huge.csv');
    expect(!read.ok && read.message).toMatch(/over the \d+-byte cap/);
  });

  it('reads nothing outside lookups/', () => {
    const dir = validCorpus();
    for (const name of ['../macros/sample_falco.yml', '..', '.hidden.csv', 'a/b.csv', 'a\\b.csv', '']) {
      expect(lookupFilePath(dir, name)).toBeNull();
      expect(readLookupFile(dir, name).ok).toBe(false);
    }
  });

  it('keeps a plain .csv file name and gives anything else one fixed name', () => {
    expect(lookupDownloadName('dynamic_dns_providers_default.csv')).toBe('dynamic_dns_providers_default.csv');
    expect(lookupDownloadName('index.html')).toBe('lookup.csv');
    expect(lookupDownloadName('rows.txt')).toBe('lookup.csv');
    expect(lookupDownloadName('a b.csv')).toBe('lookup.csv');
    expect(lookupDownloadName('x..csv')).toBe('lookup.csv');
  });
});
