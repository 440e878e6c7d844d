import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../build/session.ts';
import { detectionApi, detectionFileApi } from '../../../domain/export/api.ts';
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
  return [...c.detections, ...(c.history?.removed ?? []).map((r) => r.detection)].map((d) => ({
    params: { id: d.id },
  }));
};

export const GET: APIRoute = async ({ params, site }) => {
  const c = await catalog();
  const removed = c.history?.removed.find((r) => r.detection.id === params.id);
  const d = c.detectionById.get(params.id!) ?? removed!.detection;
  const h = removed?.history ?? c.history?.detections.get(d.id.toLowerCase()) ?? null;
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(publishedJson(detectionFileApi(detectionApi(d, c.refs.get(d.id)!, { ix: c, url }), h), 1), {
    headers: { 'Content-Type': 'application/json' },
  });
};
