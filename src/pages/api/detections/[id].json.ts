import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../lib/content/catalog';
import { detectionApi } from '../../../lib/export/api';
import { href } from '../../../lib/urls';

export const getStaticPaths: GetStaticPaths = async () => {
  const c = await catalog();
  return c.detections.map((d) => ({ params: { id: d.id } }));
};

export const GET: APIRoute = async ({ params, site }) => {
  const c = await catalog();
  const d = c.detectionById.get(params.id!)!;
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(JSON.stringify(detectionApi(d, c.facts.get(d.id)!, { ix: c, url }), null, 1), { headers: { 'Content-Type': 'application/json' } });
};
