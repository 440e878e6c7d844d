import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildSearchData } from '../domain/search/records.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The explore page's index: fetched lazily by the browser, never inlined into pages. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  const removed = c.history?.removed.map((r) => r.detection) ?? [];
  const data = buildSearchData(c.detections, c.refs, c.stories, removed);
  return new Response(publishedJson(data), { headers: { 'Content-Type': 'application/json' } });
};
