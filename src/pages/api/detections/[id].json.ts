import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../build/session.ts';
import { detectionApi } from '../../../domain/export/api.ts';
import { href } from '../../../domain/urls/index.ts';
import { publishedJson } from '../../../lib/text/clean.ts';

/**
 * Serves the dev server only. A build writes these files by splitting /api/detections.json
 * (src/build/integration.ts): one route per detection through Astro's renderer cost more than the rest of
 * the API together, for objects that are already in that file.
 */
export const getStaticPaths: GetStaticPaths = async () => {
  if (!import.meta.env.DEV) return [];
  const c = await catalog();
  return c.detections.map((d) => ({ params: { id: d.id } }));
};

export const GET: APIRoute = async ({ params, site }) => {
  const c = await catalog();
  const d = c.detectionById.get(params.id!)!;
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(publishedJson(detectionApi(d, c.refs.get(d.id)!, { ix: c, url }), 1), {
    headers: { 'Content-Type': 'application/json' },
  });
};
