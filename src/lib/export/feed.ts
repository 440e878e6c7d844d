import type { Detection } from '../content/model';
import { snippet } from '../text/rich';
import { escapeAttribute } from '../text/escape';
import { paths } from '../urls';

/** Newest and updated detections first (by update date, then name), at most `limit`. */
export function feedItems(detections: Detection[], limit = 100) {
  return [...detections]
    .filter((d) => d.date)
    .sort((a, b) => b.date!.localeCompare(a.date!) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((d) => ({
      title: `${d.version === 1 ? 'New' : 'Updated'}: ${d.name}`,
      link: paths.detection(d),
      pubDate: new Date(`${d.date}T00:00:00Z`),
      description: snippet(d.description, 400),
      categories: [d.type, d.status, d.folder, ...d.mitreIds],
      customData: `<guid isPermaLink="false">${d.id}-v${d.version}</guid>`,
    }));
}

/**
 * Channel extras for `@astrojs/rss`: the feed's own address (`atom:link rel="self"`, which feed
 * validators ask for) and `lastBuildDate` from the newest item, so a rebuild of unchanged
 * content yields the same feed.
 */
export function feedChannel(selfUrl: string, items: { pubDate: Date }[]) {
  const newest = items.reduce<Date | null>((m, i) => (!m || i.pubDate > m ? i.pubDate : m), null);
  return {
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<atom:link href="${escapeAttribute(selfUrl)}" rel="self" type="application/rss+xml"/>${newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : ''}<language>en</language>`,
  };
}
