import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../domain/catalog/index';
import { incrementalPaths } from '../../../build/routes';
import { detectionRows, type DetectionRow } from '../../../views/pages';
import { buildLayer } from '../../../domain/navigator/layer';
import { href, paths } from '../../../domain/urls';
import attack from '../../../domain/attack/attack.json';
import { publishedJson } from '../../../lib/text/clean';

export const getStaticPaths: GetStaticPaths = async () => {
  const c = await catalog();
  return incrementalPaths('story-layer', c, c.stories.map((s) => ({ path: paths.storyLayer(s), params: { slug: s.slug }, props: { name: s.name, detections: detectionRows(c.detectionsByStory.get(s.name) ?? []) } })));
};

export const GET: APIRoute = async ({ props, site }) => {
  const { name, detections } = props as { name: string; detections: DetectionRow[] };
  const layer = buildLayer(detections, {
    name,
    description: `Techniques covered by the detections of the analytic story "${name}".`,
    attackVersion: attack.version,
    techniqueUrl: (id) => new URL(href(paths.technique(id)), site).href,
  });
  return new Response(publishedJson(layer, 1), { headers: { 'Content-Type': 'application/json' } });
};
