import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { feedChannel, feedItems } from '../domain/export/feed.ts';
import { href } from '../domain/urls/index.ts';
import { SITE_NAME } from '../lib/site.ts';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const items = feedItems(c.detections).map((i) => ({ ...i, link: href(i.link) }));
  return rss({
    title: `${SITE_NAME}: new and updated detections`,
    description: 'The 100 most recently added or updated detections.',
    site: new URL(href(''), site).href,
    items,
    ...feedChannel(new URL(href('feed.xml'), site).href, items),
  });
};
