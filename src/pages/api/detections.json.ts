import type { APIRoute } from 'astro';
import { catalog } from '../../lib/content/catalog';
import { detectionApi } from '../../lib/export/api';
import { href } from '../../lib/urls';
import { detectionApiSink } from '../../lib/export/api-sink';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  const detections = c.detections.map((d) => detectionApi(d, c.facts.get(d.id)!, { ix: c, url }));
  detectionApiSink()?.(detections);
  return new Response(publishedJson({ detections }), { headers: { 'Content-Type': 'application/json' } });
};
