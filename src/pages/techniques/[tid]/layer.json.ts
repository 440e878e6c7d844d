import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogRoute } from '../../../build/routes.ts';
import { layerJson, techniqueLayerEntries, type LayerView } from '../../../views/layers.ts';

/** /techniques/T1204/layer.json: a Navigator layer of the detections the technique's page lists. */
export const getStaticPaths: GetStaticPaths = catalogRoute('technique-layer', (c) =>
  techniqueLayerEntries(c, false).map(({ id, path, props }) => ({ path, params: { tid: id }, props })),
);

export const GET: APIRoute = ({ props, site }) =>
  new Response(layerJson(props as LayerView, site), { headers: { 'Content-Type': 'application/json' } });
