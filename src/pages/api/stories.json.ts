import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { storyApi } from '../../domain/export/api.ts';
import { href } from '../../domain/urls/index.ts';
import { publishedJson } from '../../lib/text/clean.ts';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  return new Response(publishedJson({ stories: c.stories.map((s) => storyApi(s, { ix: c, url })) }), {
    headers: { 'Content-Type': 'application/json' },
  });
};
