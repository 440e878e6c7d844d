import type { APIRoute } from 'astro';
import { catalog } from '../domain/catalog/index';
import { buildSearchData } from '../domain/search/records';
import { publishedJson } from '../lib/text/clean';

/** The explore page's index: fetched lazily by the browser, never inlined into pages. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  const data = buildSearchData(c.detections, c.facts, c.stories);
  return new Response(publishedJson(data), { headers: { 'Content-Type': 'application/json' } });
};
