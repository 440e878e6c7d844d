import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { macroApi } from '../../domain/export/api.ts';
import { publishedJson } from '../../lib/text/clean.ts';

export const GET: APIRoute = async () => {
  const c = await catalog();
  return new Response(publishedJson({ macros: c.macros.map(macroApi) }), {
    headers: { 'Content-Type': 'application/json' },
  });
};
