/**
 * Names the site itself writes, which content must never claim: a detection folder is the first
 * URL segment, so a folder named `api`, `feed.xml` or `_redirects` would put its pages over (or
 * under) one of our files. A unit test (tests/unit/urls/reserved.test.ts) checks these lists
 * against `src/pages/`, `public/` and the files the integration writes, so a new route or
 * generated file has to be added here.
 */

/** Every top-level file and folder of the output, besides the detection folders. */
export const SITE_TOP_LEVEL: readonly string[] = [
  // src/pages/
  '404.html', 'api', 'attack', 'baselines', 'detections', 'explore', 'feed.xml', 'health', 'index.html', 'investigations',
  'lookups', 'macros', 'my-data', 'playbooks', 'releases', 'robots.txt', 'search-index.json', 'search-text.json', 'site-detections.json', 'site-index.json', 'sources', 'splunk-settings', 'stories', 'tactics', 'techniques', 'whats-new',
  // public/
  'favicon.svg', 'theme-init.js',
  // Astro's assets, and what src/build/integration.ts writes
  '_astro', '_headers', '_redirects', 'content-report.json', 'sitemap-index.xml',
];

/** Sitemap parts are numbered (src/domain/export/sitemap.ts). */
const SITEMAP_PART = /^sitemap-\d+\.xml$/;

/** File names the site writes inside its folders: no entry's own segment may be one of them. */
export const SITE_FILES: readonly string[] = [
  'index.html', '404.html', 'feed.xml', 'layer.json', 'detections.json', 'detections.csv', 'stories.json', 'macros.json',
  'lookups.json', 'data_sources.json', 'releases.json', 'search-index.json', 'search-text.json', 'site-index.json', 'site-detections.json', 'robots.txt', 'content-report.json', '_redirects', '_headers',
  'sitemap-index.xml', 'data.json', 'filter.json',
];

const TOP = new Set(SITE_TOP_LEVEL.map((s) => s.toLowerCase()));
const FILES = new Set(SITE_FILES.map((s) => s.toLowerCase()));

/** contentctl's folders are lower-case words; anything else is not a URL segment we can trust. */
export const DETECTION_FOLDER = /^[a-z0-9][a-z0-9_-]*$/;

/** Why a detection folder cannot be a URL segment, or null when it can. */
export function folderProblem(folder: string): { code: 'reserved-name' | 'invalid-folder'; message: string } | null {
  const k = folder.toLowerCase();
  if (TOP.has(k) || SITEMAP_PART.test(k)) {
    return { code: 'reserved-name', message: `detection folder "${folder}" is the name of one of the site's own files or folders (/${folder}); move the detection to another folder` };
  }
  if (!DETECTION_FOLDER.test(folder)) {
    return { code: 'invalid-folder', message: `detection folder "${folder}" is not a plain URL segment (lower-case letters, digits, "_" and "-", starting with a letter or digit)` };
  }
  return null;
}

/** True when an entry's own segment would be a file the site writes in that folder. */
export function isReservedSegment(segment: string): boolean {
  const k = segment.toLowerCase();
  return FILES.has(k) || SITEMAP_PART.test(k);
}
