import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { buildMyData } from '../../domain/coverage/data.ts';
import attack from '../../domain/attack/attack.json';

/** The "My data" file, fetched on demand by the browser (src/domain/coverage/data.ts). */
export const GET: APIRoute = async () => {
  const c = await catalog();
  const data = buildMyData(c.detections, c.dataSources, c.stories, attack.version);
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
