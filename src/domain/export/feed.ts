import type { ReleaseNotes } from '../history/catalog.ts';
import type { Detection } from '../../content/model.ts';
import { snippet } from '../../lib/text/rich.ts';
import { escapeAttribute, escapeText } from '../../lib/text/escape.ts';
import { stripControl } from '../../lib/text/clean.ts';
import { announcedDate, buildDay, recencyKey } from '../../lib/text/dates.ts';
import { paths } from '../urls/index.ts';

/**
 * Newest and updated detections first (by update date, then name), at most `limit`. A date after
 * the build day sorts after every real one and is announced as the build day; text goes through
 * stripControl, so the feed stays well-formed XML whatever a name holds.
 */
export function feedItems(detections: Detection[], limit = 100, today: string = buildDay()) {
  return detections
    .filter((d) => d.date)
    .map((d) => ({ d, key: recencyKey(d.date, today) }))
    .sort((a, b) => b.key.localeCompare(a.key) || a.d.name.localeCompare(b.d.name))
    .slice(0, limit)
    .map(({ d }) => ({
      title: stripControl(`${d.version === 1 ? 'New' : 'Updated'}: ${d.name}`),
      link: paths.detection(d),
      pubDate: new Date(`${announcedDate(d.date!, today)}T00:00:00Z`),
      description: stripControl(snippet(d.description, 400)),
      categories: [d.type, d.status, d.folder, ...d.mitreIds].map(stripControl),
      customData: `<guid isPermaLink="false">${escapeText(stripControl(`${d.id}-v${d.version}`))}</guid>`,
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

/** One item per release, newest first: what it did to detections, stories and macros. */
export function releaseFeedItems(releases: readonly ReleaseNotes[], limit = 50) {
  return releases.slice(0, limit).map((r) => {
    const d = r.detections;
    const line = (label: string, items: readonly { name: string }[]) =>
      items.length ? `${label}: ${items.map((i) => i.name).join('; ')}.` : '';
    const description = [
      line('Added', d.added),
      line('Updated', d.updated),
      line('Deprecated', d.deprecated),
      line('Removed', d.removed),
    ]
      .filter(Boolean)
      .join(' ');
    return {
      title: stripControl(
        `${r.tag}: ${d.added.length} new, ${d.updated.length} updated, ${d.removed.length} removed detections`,
      ),
      link: paths.release(r.tag),
      pubDate: new Date(r.date),
      description: stripControl(snippet(description || 'No detection changes.', 2000)),
      customData: `<guid isPermaLink="false">${escapeText(stripControl(`release-${r.tag}-${r.commit}`))}</guid>`,
    };
  });
}
