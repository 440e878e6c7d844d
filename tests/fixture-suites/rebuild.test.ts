import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, ROOT, type BuildResult } from '../helpers/build';
import { crawl } from '../helpers/crawl';

/**
 * A rebuild into the same output folder (which is not emptied first, and whose unchanged pages
 * are kept rather than rendered: src/build/incremental.ts) must equal a clean build byte
 * for byte: nothing stale survives, nothing is missing, no kept page is out of date.
 */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('rebuild into the previous output', () => {
  const content = mkdtempSync(join(tmpdir(), 'rebuild-content-'));
  let removed: { id: string; folder: string };
  let second: BuildResult;
  let clean: BuildResult;
  beforeAll(async () => {
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    const env = { CONTENT_DIR: content, BASE_PATH: '' };
    rmSync(join(ROOT, 'dist-rebuild'), { recursive: true, force: true });
    expect((await astroBuild('rebuild-1', 'dist-rebuild', env)).code).toBe(0);
    const gone = join(content, 'detections', 'network', 'outbound_smb_to_external_address.yml');
    removed = { id: String(parse(readFileSync(gone, 'utf8')).id), folder: 'network' };
    unlinkSync(gone);
    const edit = (file: string, from: RegExp, to: string) => {
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(from);
      writeFileSync(file, text.replace(from, to));
    };
    // One edit of each kind a page can depend on: its own entity, a macro its search expands,
    // a story and a data source it links to.
    edit(
      join(content, 'detections', 'cloud', 'aws_console_login_from_new_country.yml'),
      /^description: /m,
      'description: Rebuilt-marker. ',
    );
    edit(join(content, 'macros', 'powershell.yml'), /^definition: (.*)$/m, 'definition: $1 EventCode=4104');
    edit(join(content, 'stories', 'kubernetes_security.yml'), /^description: /m, 'description: Story-marker. ');
    edit(join(content, 'data_sources', 'okta.yml'), /^description: /m, 'description: Source-marker. ');
    second = await astroBuild('rebuild-2', 'dist-rebuild', env);
    rmSync(join(ROOT, 'dist-rebuild-clean'), { recursive: true, force: true });
    clean = await astroBuild('rebuild-clean', 'dist-rebuild-clean', { ...env, CATALOG_INCREMENTAL: '0' });
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

  it('renders only the pages whose inputs changed, and every file equals the clean build', () => {
    const m = /incremental: (\d+) pages rendered, (\d+) kept as they were/.exec(second.output);
    expect(m, 'the rebuild reports what it kept').not.toBeNull();
    const [rendered, kept] = [Number(m![1]), Number(m![2])];
    // Of the sample's ~150 outputs, the edited entities' pages and the pages listing them are
    // rendered (as are index pages, feeds and the API, every time); the rest are kept.
    expect(kept).toBeGreaterThan(40);
    expect(rendered).toBeGreaterThan(0);
    const differ = files(clean.outDir).filter(
      (f) => !readFileSync(join(second.outDir, f)).equals(readFileSync(join(clean.outDir, f))),
    );
    expect(differ).toEqual([]);
  });

  it('shows the edited detection as edited', () => {
    const api = JSON.parse(readFileSync(join(second.outDir, 'api', 'detections.json'), 'utf8')) as {
      detections: { id: string; description: string; catalog: { url: string } }[];
    };
    const d = api.detections.find((x) => x.description.startsWith('Rebuilt-marker.'))!;
    expect(d).toBeTruthy();
    expect(readFileSync(join(second.outDir, new URL(d.catalog.url).pathname, 'index.html'), 'utf8')).toContain(
      'Rebuilt-marker.',
    );
  });

  it('has no broken internal links', () => {
    expect(crawl(second.outDir, '/').broken).toEqual([]);
  });
});
