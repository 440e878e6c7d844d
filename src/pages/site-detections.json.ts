import type { APIRoute } from 'astro';
import { catalog } from '../build/session.ts';
import { buildSiteWire } from '../domain/search/site-index.ts';
import { publishedJson } from '../lib/text/clean.ts';

/** The header search's detection ids (site-index.json's order), fetched when the visitor first types. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson(buildSiteWire(c).ids), { headers: { 'Content-Type': 'application/json' } });
};
