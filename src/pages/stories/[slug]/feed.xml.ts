import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../domain/catalog/index';
import type { Detection, Story } from '../../../content/model';
import { incrementalPaths } from '../../../build/routes';
import { feedChannel, feedItems } from '../../../domain/export/feed';
import { href } from '../../../domain/urls';
import { SITE_NAME } from '../../../lib/site';

export const getStaticPaths: GetStaticPaths = async () => {
  const c = await catalog();
  return incrementalPaths('story-feed', c, c.stories.map((s) => ({ path: `stories/${s.slug}/feed.xml`, params: { slug: s.slug }, props: { s, detections: c.detectionsByStory.get(s.name) ?? [] } })));
};

export const GET: APIRoute = async ({ props, site }) => {
  const { s, detections } = props as { s: Story; detections: Detection[] };
  const items = feedItems(detections).map((i) => ({ ...i, link: href(i.link) }));
  return rss({
    title: `${SITE_NAME}: ${s.name}`,
    description: `New and updated detections of the analytic story "${s.name}".`,
    site: new URL(href(''), site).href,
    items,
    ...feedChannel(new URL(href(`stories/${s.slug}/feed.xml`), site).href, items),
  });
};
