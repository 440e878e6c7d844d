import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { matrixFilterData } from '../../domain/navigator/matrix-filter.ts';
import { publishedJson } from '../../lib/text/clean.ts';

/** What the matrix's filters combine over (src/client/matrix-filter.ts), fetched on first use. */
export const GET: APIRoute = async () => {
  const c = await catalog();
  const data = matrixFilterData(c.detections, (name) => c.storyByName.get(name)?.slug ?? null);
  return new Response(publishedJson(data), { headers: { 'Content-Type': 'application/json' } });
};
