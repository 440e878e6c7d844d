import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogRoute } from '../../../../build/routes.ts';
import { layerJson, matrixLayerEntries, type LayerView } from '../../../../views/layers.ts';

/** /attack/type/TTP/layer.json, /attack/status/production/layer.json: the filtered matrices' layers. */
export const getStaticPaths: GetStaticPaths = catalogRoute('matrix-layer', matrixLayerEntries);

export const GET: APIRoute = ({ props, site }) =>
  new Response(layerJson(props as LayerView, site), { headers: { 'Content-Type': 'application/json' } });
