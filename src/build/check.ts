import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readSettings } from '../content/content-dir.ts';
import { formatSummary, summarize } from '../content/problems.ts';
import { kindCounts } from '../content/kinds.ts';
import { loadCatalog } from '../domain/catalog/load.ts';
import { settings } from '../lib/settings.ts';
import { publishedJson, terminalSafe } from '../lib/text/clean.ts';
import { loaderFingerprint } from './incremental.ts';
import { printAnnotations, reportSarif } from './report.ts';

/**
 * `npm run check:content`: the build's load and checks (the same loader, the same rules, the
 * same parse cache) without Astro and without rendering a page. Prints the build's summary
 * with every error (and every problem as a workflow command with CATALOG_REPORT=github);
 * `--sarif <file>` also writes the SARIF log. Returns the exit code: 1 when there are errors
 * and CATALOG_LENIENT is off, as the build would stop.
 */
export function checkContent(root: string, args: readonly string[]): number {
  const { contentDir, lenient } = readSettings(root);
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    console.error(
      `CONTENT_DIR ${terminalSafe(contentDir)} is not a folder. Point CONTENT_DIR at a security_content checkout.`,
    );
    return 1;
  }
  const t0 = performance.now();
  const yamlCacheFile = settings().CATALOG_INCREMENTAL
    ? join(root, 'node_modules', '.cache', 'catalog-yaml', `${loaderFingerprint(root)}.json`)
    : null;
  const cat = loadCatalog(contentDir, { yamlCacheFile, parseWorker: join(root, 'src', 'content', 'yaml-worker.mjs') });
  const seconds = (performance.now() - t0) / 1000;
  printAnnotations(cat, contentDir, root);
  console.log(formatSummary(cat.problems, { listErrors: true }));
  const counts = Object.entries(kindCounts(cat))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  console.log(`checked ${cat.files} files (${counts}) in ${seconds.toFixed(1)} s, no page rendered`);
  const at = args.indexOf('--sarif');
  if (at >= 0 && args[at + 1]) {
    const file = resolve(args[at + 1]);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, publishedJson(reportSarif(cat, contentDir, root), 1));
    console.log(`SARIF: ${terminalSafe(file)}`);
  }
  if (summarize(cat.problems).errors && !lenient) {
    console.log('Check failed: fix the errors above (CATALOG_LENIENT=1 only reports them).');
    return 1;
  }
  return 0;
}
