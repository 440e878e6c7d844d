import { escapeText } from '../../lib/text/escape.ts';

/**
 * The sitemap: `sitemap-index.xml` naming `sitemap-0.xml`, `sitemap-1.xml`, … (the protocol
 * allows 50,000 URLs a file). Written by the catalog integration from the pages of the build,
 * rendered or kept, instead of @astrojs/sitemap: that integration rebuilt both files through
 * streams on every build, unchanged or not, and could not see kept pages without
 * being handed them; here the files go through the output writer, which leaves them alone
 * when their bytes are unchanged.
 */
export const SITEMAP_URLS_PER_FILE = 45_000;

/** Pages a sitemap leaves out: technique aliases (`/techniques/T1234.001/` only forwards) and the 404 page. */
export const inSitemap = (path: string) =>
  !/(^|\/)techniques\/T\d{4}\.\d{3}\/$/.test(path) && !/(^|\/)404\/$/.test(path);

/** File name → XML, for the absolute page URLs given (sorted, duplicates dropped). */
export function sitemapFiles(pageUrls: Iterable<string>, siteBase: string): [string, string][] {
  const urls = [...new Set(pageUrls)].sort();
  const parts: string[][] = [];
  for (let i = 0; i < urls.length; i += SITEMAP_URLS_PER_FILE) parts.push(urls.slice(i, i + SITEMAP_URLS_PER_FILE));
  if (parts.length === 0) parts.push([]);
  const files: [string, string][] = parts.map((list, i) => [
    `sitemap-${i}.xml`,
    `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${list.map((u) => `<url><loc>${escapeText(u)}</loc></url>`).join('')}</urlset>`,
  ]);
  const index = `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${files
    .map(([name]) => `<sitemap><loc>${escapeText(new URL(name, siteBase).href)}</loc></sitemap>`)
    .join('')}</sitemapindex>`;
  return [['sitemap-index.xml', index], ...files];
}
