import { describe, expect, it } from 'vitest';
import { inSitemap, sitemapFiles, SITEMAP_URLS_PER_FILE } from '../../../src/domain/export/sitemap';

describe('sitemap', () => {
  it('lists each page once, sorted, in a urlset the index names, with XML-escaped URLs', () => {
    const files = sitemapFiles(
      ['https://x.test/b/', 'https://x.test/a/?q=1&r=<2>', 'https://x.test/b/'],
      'https://x.test/catalog/',
    );
    expect(files.map(([n]) => n)).toEqual(['sitemap-index.xml', 'sitemap-0.xml']);
    expect(files[0]![1]).toContain('<sitemap><loc>https://x.test/catalog/sitemap-0.xml</loc></sitemap>');
    const body = files[1]![1];
    expect(body.match(/<loc>[^<]*<\/loc>/g)).toEqual([
      '<loc>https://x.test/a/?q=1&amp;r=&lt;2&gt;</loc>',
      '<loc>https://x.test/b/</loc>',
    ]);
  });

  it('splits into files below the protocol limit', () => {
    const urls = Array.from(
      { length: SITEMAP_URLS_PER_FILE + 1 },
      (_, i) => `https://x.test/p${String(i).padStart(6, '0')}/`,
    );
    const files = sitemapFiles(urls, 'https://x.test/');
    expect(files.map(([n]) => n)).toEqual(['sitemap-index.xml', 'sitemap-0.xml', 'sitemap-1.xml']);
    expect(files[2]![1].match(/<url>/g)).toHaveLength(1);
  });

  it('leaves out technique aliases and the 404 page', () => {
    expect(
      ['techniques/T1059/', 'techniques/T1059/001/', 'techniques/T1059.001/', '404/', 'stories/x/'].filter(inSitemap),
    ).toEqual(['techniques/T1059/', 'techniques/T1059/001/', 'stories/x/']);
  });
});
