import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { buildLayer } from '../../domain/navigator/layer.ts';
import { href, paths } from '../../domain/urls/index.ts';
import { SITE_NAME } from '../../lib/site.ts';
import attack from '../../domain/attack/attack.json';
import { publishedJson } from '../../lib/text/clean.ts';

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
