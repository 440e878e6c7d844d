import type { APIRoute } from 'astro';
import { catalog } from '../../domain/catalog/index';
import { detectionApi } from '../../domain/export/api';
import { href } from '../../domain/urls';
import { detectionApiSink } from '../../build/api-sink';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  const detections = c.detections.map((d) => detectionApi(d, c.facts.get(d.id)!, { ix: c, url }));
  detectionApiSink()?.(detections);
  return new Response(publishedJson({ detections }), { headers: { 'Content-Type': 'application/json' } });
};
