import type { APIRoute } from 'astro';
import { catalog } from '../../domain/catalog/index';
import { lookupApi } from '../../domain/export/api';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson({ lookups: c.lookups.map(lookupApi) }), { headers: { 'Content-Type': 'application/json' } });
};
