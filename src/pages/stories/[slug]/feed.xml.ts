import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../lib/content/catalog';
import { feedChannel, feedItems } from '../../../lib/export/feed';
import { href } from '../../../lib/urls';
import { SITE_NAME } from '../../../lib/site';

export const getStaticPaths: GetStaticPaths = async () => {
  const c = await catalog();
  return c.stories.map((s) => ({ params: { slug: s.slug }, props: { slug: s.slug } }));
};

export const GET: APIRoute = async ({ props, site }) => {
  const c = await catalog();
  const s = c.stories.find((x) => x.slug === props.slug)!;
  const items = feedItems(c.detectionsByStory.get(s.name) ?? []).map((i) => ({ ...i, link: href(i.link) }));
  return rss({
    title: `${SITE_NAME}: ${s.name}`,
    description: `New and updated detections of the analytic story "${s.name}".`,
    site: new URL(href(''), site).href,
    items,
    ...feedChannel(new URL(href(`stories/${s.slug}/feed.xml`), site).href, items),
  });
};
