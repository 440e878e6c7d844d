import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildSearchText } from '../domain/search/text.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The explore page's second index (SPL, macros, fields, sourcetypes): fetched after the first. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  const removed = c.history?.removed.map((r) => r.detection) ?? [];
  return new Response(publishedJson(buildSearchText(c.detections, c.refs, removed)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
