import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogRoute } from '../../../../build/routes.ts';
import { layerJson, techniqueLayerEntries, type LayerView } from '../../../../views/layers.ts';

/** /techniques/T1204/002/layer.json: the sub-technique page's layer. */
export const getStaticPaths: GetStaticPaths = catalogRoute('sub-technique-layer', (c) =>
  techniqueLayerEntries(c, true).map(({ id, path, props }) => {
    const [tid, sub] = id.split('.');
    return { path, params: { tid, sub }, props };
  }),
);

export const GET: APIRoute = ({ props, site }) =>
  new Response(layerJson(props as LayerView, site), { headers: { 'Content-Type': 'application/json' } });
