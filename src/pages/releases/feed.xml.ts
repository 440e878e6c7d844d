import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { releaseFeedItems, feedChannel } from '../../domain/export/feed.ts';
import { href, paths } from '../../domain/urls/index.ts';
import { SITE_NAME } from '../../lib/site.ts';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const items = releaseFeedItems(c.history?.releases ?? []).map((i) => ({ ...i, link: href(i.link) }));
  return rss({
    title: `${SITE_NAME}: releases`,
    description: 'Each release of the content, with the detections it added, updated, deprecated and removed.',
    site: new URL(href(''), site).href,
    items,
    ...feedChannel(new URL(href(paths.releasesFeed()), site).href, items),
  });
};
