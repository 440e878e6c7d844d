import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildSiteIndex } from '../domain/search/site-index.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The header search's index of every kind of page: fetched when the box is first focused. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson(buildSiteIndex(c)), { headers: { 'Content-Type': 'application/json' } });
};
