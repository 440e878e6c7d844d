import type { APIRoute } from 'astro';
import { catalog } from '../../domain/catalog/index';
import { macroApi } from '../../domain/export/api';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson({ macros: c.macros.map(macroApi) }), { headers: { 'Content-Type': 'application/json' } });
};
