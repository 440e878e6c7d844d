import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildDetectionIndex } from '../domain/search/site-index.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The header search's detections (name, path, type and folder), fetched beside /site-index.json. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson(buildDetectionIndex(c)), { headers: { 'Content-Type': 'application/json' } });
};
