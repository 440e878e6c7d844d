import type { APIRoute } from 'astro';
import { catalog, currentSession } from '../../build/session.ts';
import { detectionApi, detectionFileApi } from '../../domain/export/api.ts';
import { href } from '../../domain/urls/index.ts';
import { publishedJson } from '../../lib/text/clean.ts';

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const url = (p: string) => new URL(href(p), site).href;
  const detections = c.detections.map((d) => detectionApi(d, c.refs.get(d.id)!, { ix: c, url }));
  // The integration writes /api/detections/<id>.json from these while other pages render: each
  // with its history, and removed detections too, which the list leaves out.
  const sink = currentSession()?.detectionApiSink;
  if (sink) {
    const history = c.history?.detections;
    sink([
      ...detections.map((r) => detectionFileApi(r, history?.get(r.id.toLowerCase()) ?? null)),
      ...(c.history?.removed ?? []).map((r) =>
        detectionFileApi(detectionApi(r.detection, c.refs.get(r.detection.id)!, { ix: c, url }), r.history),
      ),
    ]);
  }
  return new Response(publishedJson({ detections }), { headers: { 'Content-Type': 'application/json' } });
};
