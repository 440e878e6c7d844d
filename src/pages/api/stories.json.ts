import type { APIRoute } from 'astro';
import { catalog } from '../../lib/content/catalog';
import { storyApi } from '../../lib/export/api';
import { href } from '../../lib/urls';
import { publishedJson } from '../../lib/text/clean';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(publishedJson({ stories: c.stories.map((s) => storyApi(s, { ix: c, url })) }), { headers: { 'Content-Type': 'application/json' } });
};
