// @ts-check
import { defineConfig } from 'astro/config';
import { catalogIntegration } from './src/build/integration.ts';
import { settings as readSettings } from './src/lib/settings.ts';
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';

const settings = readSettings();

// Vite's watcher walks every folder it watches when the dev server starts, on the main thread:
// the bench's corpus copies and the builds the tests and the bench leave are thousands of files
// the site never imports. It watches neither those folders nor the content folder, which the
// catalog integration watches itself, wherever it is (src/build/integration.ts).
const root = fileURLToPath(new URL('.', import.meta.url));
const contentDir = resolve(root, settings.CONTENT_DIR);
const UNWATCHED = new Set(['bench', 'tests', 'scripts', 'docs', 'test-results', 'playwright-report', 'dist']);
/** @param {string} path */
const unwatched = (path) => {
  const abs = resolve(root, path);
  if (abs === contentDir || abs.startsWith(contentDir + sep)) return true;
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  const top = rel.split(sep)[0];
  return UNWATCHED.has(top) || top.startsWith('dist-');
};
// No Astro telemetry from any build, dev or preview of this project (npm run build included)
// unless the setting says so: Astro reads the variable itself, after loading this file.
process.env.ASTRO_TELEMETRY_DISABLED = settings.ASTRO_TELEMETRY_DISABLED ? '1' : '';

export default defineConfig({
  site: settings.SITE_URL,
  base: settings.BASE_PATH,
  trailingSlash: 'always',
  // Pages wait on the highlight worker (src/build/highlight/highlight.ts): with more of them in flight
  // the main thread always has one to render.
  // Stylesheets always as files: an inlined <style> would need 'unsafe-inline' in the CSP.
  build: { format: 'directory', concurrency: 16, inlineStylesheets: 'never' },
  integrations: [
    // Also writes the sitemap (src/domain/export/sitemap.ts).
    catalogIntegration(),
  ],
  // Two routes producing one path is a build error naming both, never a page silently dropped.
  prerenderConflictBehavior: 'error',
  devToolbar: { enabled: false },
  // No markdown is rendered: code goes through our own highlighter (src/build/highlight/highlight.ts).
  markdown: { syntaxHighlight: false },
  // A rebuild overwrites the output in place; the catalog integration removes whatever this
  // build did not produce (src/build/output.ts), so no stale page survives. One stylesheet
  // for the site and scripts as files, never inline: cached across pages, and the pages' CSP
  // (src/lib/site.ts) allows no inline script. No gzip size report either: it compressed every chunk on
  // every build for a figure nobody reads.
  // __CATALOG_BASE__: href()'s default base (src/domain/urls/index.ts).
  vite: {
    define: { __CATALOG_BASE__: JSON.stringify(settings.BASE_PATH) },
    server: { watch: { ignored: [unwatched] } },
    build: {
      emptyOutDir: false,
      cssCodeSplit: false,
      reportCompressedSize: false,
      assetsInlineLimit: (file) => (/\.m?js$/.test(file) ? false : undefined),
    },
  },
});
