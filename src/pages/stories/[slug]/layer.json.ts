import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../lib/content/catalog';
import { buildLayer } from '../../../lib/navigator/layer';
import { href, paths } from '../../../lib/urls';
import attack from '../../../data/attack.json';

export const getStaticPaths: GetStaticPaths = async () => {
  const c = await catalog();
  return c.stories.map((s) => ({ params: { slug: s.slug }, props: { slug: s.slug } }));
};

export const GET: APIRoute = async ({ props, site }) => {
  const c = await catalog();
  const s = c.stories.find((x) => x.slug === props.slug)!;
  const layer = buildLayer(c.detectionsByStory.get(s.name) ?? [], {
    name: s.name,
    description: `Techniques covered by the detections of the analytic story "${s.name}".`,
    attackVersion: attack.version,
    techniqueUrl: (id) => new URL(href(paths.technique(id)), site).href,
  });
  return new Response(JSON.stringify(layer, null, 1), { headers: { 'Content-Type': 'application/json' } });
};
