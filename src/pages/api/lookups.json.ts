import type { APIRoute } from 'astro';
import { catalog } from '../../lib/content/catalog';
import { lookupApi } from '../../lib/export/api';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson({ lookups: c.lookups.map(lookupApi) }), { headers: { 'Content-Type': 'application/json' } });
};
