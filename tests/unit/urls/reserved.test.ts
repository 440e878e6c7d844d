import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_FILES, SITE_TOP_LEVEL, folderProblem } from '../../../src/content/reserved';
import { sitemapFiles } from '../../../src/domain/export/sitemap';

const ROOT = join(import.meta.dirname, '../../..');

/** `feed.xml.ts` → `feed.xml`, `index.astro` → `index.html`, a folder → its name; dynamic parts → null. */
const outputName = (entry: string, isDir: boolean): string | null => {
  if (entry.startsWith('[')) return null;
  if (isDir) return entry;
  if (entry.endsWith('.astro')) return `${entry.slice(0, -'.astro'.length)}.html`;
  return entry.replace(/\.(ts|js)$/, '');
};

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageFiles(join(dir, e.name)) : [outputName(e.name, false)].filter((n): n is string => n !== null),
  );
}

describe('names the site writes', () => {
  it('lists every top-level route of src/pages, public/ and the integration', () => {
    const top = readdirSync(join(ROOT, 'src/pages'), { withFileTypes: true })
      .map((e) => outputName(e.name, e.isDirectory()))
      .filter((n): n is string => n !== null);
    const pub = readdirSync(join(ROOT, 'public'));
    // Every file the integration writes at the top of the output folder: `join(out, '<name>')`.
    const integration = [
      ...readFileSync(join(ROOT, 'src/build/integration.ts'), 'utf8').matchAll(
        /join\((?:out|resolve\(out\)|outDir), '([^']+)'/g,
      ),
    ].map((m) => m[1]);
    const sitemap = sitemapFiles(['https://example.org/a/'], 'https://example.org/').map(([name]) => name);
    expect(integration.length).toBeGreaterThan(1);
    for (const n of [...top, ...pub, ...integration, ...sitemap.filter((s) => !/^sitemap-\d+\.xml$/.test(s))])
      expect(SITE_TOP_LEVEL, n).toContain(n);
    for (const n of [...top, ...pub, ...integration, ...sitemap])
      expect(folderProblem(n)?.code, n).toBe('reserved-name');
  });

  it('lists every file name a route writes, at any depth', () => {
    for (const n of pageFiles(join(ROOT, 'src/pages'))) expect(SITE_FILES, n).toContain(n);
  });

  it('accepts the folders of security_content', () => {
    for (const f of ['application', 'cloud', 'deprecated', 'endpoint', 'network', 'web', 'removed', 'cloud-2'])
      expect(folderProblem(f)).toBeNull();
  });
});
