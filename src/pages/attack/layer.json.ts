import type { APIRoute } from 'astro';
import { catalog } from '../../lib/content/catalog';
import { buildLayer } from '../../lib/navigator/layer';
import { href, paths } from '../../lib/urls';
import { SITE_NAME } from '../../lib/site';
import attack from '../../data/attack.json';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const layer = buildLayer(c.detections, {
    name: `${SITE_NAME}: all detections`,
    description: `Techniques covered by the ${c.detections.length} detections of the catalog; score = number of detections.`,
    attackVersion: attack.version,
    techniqueUrl: (id) => new URL(href(paths.technique(id)), site).href,
  });
  return new Response(publishedJson(layer, 1), { headers: { 'Content-Type': 'application/json' } });
};
