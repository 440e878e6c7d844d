import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { publishedJson } from '../../lib/text/clean.ts';
import { releasesApi } from '../../domain/export/api.ts';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson(releasesApi(c.history)), { headers: { 'Content-Type': 'application/json' } });
};
