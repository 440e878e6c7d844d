import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, ROOT, type BuildResult } from '../helpers/build';
import { crawl } from '../helpers/crawl';

/**
 * A rebuild into the same output folder (which is not emptied first) must equal a clean build:
 * nothing stale survives, nothing is missing.
 */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

describe('rebuild into the previous output', () => {
  const content = mkdtempSync(join(tmpdir(), 'rebuild-content-'));
  let removed: { id: string; folder: string };
  let second: BuildResult;
  let clean: BuildResult;
  beforeAll(() => {
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    const env = { CONTENT_DIR: content, BASE_PATH: '' };
    rmSync(join(ROOT, 'dist-rebuild'), { recursive: true, force: true });
    expect(astroBuild('rebuild-1', 'dist-rebuild', env).code).toBe(0);
    const gone = join(content, 'detections', 'network', 'outbound_smb_to_external_address.yml');
    removed = { id: String(parse(readFileSync(gone, 'utf8')).id), folder: 'network' };
    unlinkSync(gone);
    const edited = join(content, 'detections', 'cloud', 'aws_console_login_from_new_country.yml');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^description: /m, 'description: Rebuilt-marker. '));
    second = astroBuild('rebuild-2', 'dist-rebuild', env);
    rmSync(join(ROOT, 'dist-rebuild-clean'), { recursive: true, force: true });
    clean = astroBuild('rebuild-clean', 'dist-rebuild-clean', env);
  });

  it('builds both times', () => {
    expect(second.code).toBe(0);
    expect(clean.code).toBe(0);
  });

  it('holds exactly the files of a clean build of the same content', () => {
    const got = files(second.outDir);
    expect(got).toEqual(files(clean.outDir));
    expect(got).not.toContain(`${removed.folder}/${removed.id}/index.html`);
    expect(got).not.toContain(`api/detections/${removed.id}.json`);
    expect(got.some((f) => f.includes(removed.id))).toBe(false);
    expect(readFileSync(join(second.outDir, '_redirects'), 'utf8')).not.toContain(removed.id);
    expect(second.output).toMatch(/[1-9]\d* stale files removed/);
  });

  it('shows the edited detection as edited', () => {
    const api = JSON.parse(readFileSync(join(second.outDir, 'api', 'detections.json'), 'utf8')) as { detections: { id: string; description: string; catalog: { url: string } }[] };
    const d = api.detections.find((x) => x.description.startsWith('Rebuilt-marker.'))!;
    expect(d).toBeTruthy();
    expect(readFileSync(join(second.outDir, new URL(d.catalog.url).pathname, 'index.html'), 'utf8')).toContain('Rebuilt-marker.');
  });

  it('has no broken internal links', () => {
    expect(crawl(second.outDir, '/').broken).toEqual([]);
  });
});
