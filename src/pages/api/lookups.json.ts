import type { APIRoute } from 'astro';
import { catalog } from '../../lib/content/catalog';
import { lookupApi } from '../../lib/export/api';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(JSON.stringify({ lookups: c.lookups.map(lookupApi) }), { headers: { 'Content-Type': 'application/json' } });
};
