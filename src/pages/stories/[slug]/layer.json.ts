import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogRoute } from '../../../build/routes.ts';
import { detectionRows, type DetectionRow } from '../../../views/pages.ts';
import { buildLayer } from '../../../domain/navigator/layer.ts';
import { href, paths } from '../../../domain/urls/index.ts';
import attack from '../../../domain/attack/attack.json';
import { publishedJson } from '../../../lib/text/clean.ts';

export const getStaticPaths: GetStaticPaths = catalogRoute('story-layer', (c) =>
  c.stories.map((s) => ({
    path: paths.storyLayer(s),
    params: { slug: s.slug },
    props: { name: s.name, detections: detectionRows(c.detectionsByStory.get(s.name) ?? []) },
  })),
);

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
