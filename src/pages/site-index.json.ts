import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildSiteWire } from '../domain/search/site-index.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The header search's index of every page but the detection ids: fetched when the box is first focused. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson(buildSiteWire(c).index), { headers: { 'Content-Type': 'application/json' } });
};
