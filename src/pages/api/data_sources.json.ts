import type { APIRoute } from 'astro';
import { catalog } from '../../domain/catalog/index';
import { dataSourceApi } from '../../domain/export/api';
import { href } from '../../domain/urls';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(publishedJson({ data_sources: c.dataSources.map((d) => dataSourceApi(d, { ix: c, url })) }), { headers: { 'Content-Type': 'application/json' } });
};
