import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Detection, Story } from '../../../content/model.ts';
import { catalogRoute } from '../../../build/routes.ts';
import { feedChannel, feedItems } from '../../../domain/export/feed.ts';
import { href } from '../../../domain/urls/index.ts';
import { SITE_NAME } from '../../../lib/site.ts';

export const getStaticPaths: GetStaticPaths = catalogRoute('story-feed', (c) =>
  c.stories.map((s) => ({
    path: `stories/${s.slug}/feed.xml`,
    params: { slug: s.slug },
    props: { s, detections: c.detectionsByStory.get(s.name) ?? [] },
  })),
);

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
