import type { Detection } from '../content/model.ts';
import { ATTACK_VERSION, getTechnique } from '../domain/attack/index.ts';
import { buildLayer, techniqueCounts } from '../domain/navigator/layer.ts';
import { MATRIX_STATUSES, MATRIX_TYPES } from '../domain/navigator/matrix-filter.ts';
import { href, paths } from '../domain/urls/index.ts';
import { publishedJson } from '../lib/text/clean.ts';
import { detectionRows, type DetectionRow } from './pages.ts';

/**
 * Navigator layers as plain data: what each layer file holds (its name, description and
 * detections as rows), so a layer is rewritten only when that changes.
 */
// A type, not an interface: Astro's props type asks for an index signature.
export type LayerView = {
  name: string;
  description: string;
  detections: DetectionRow[];
};

/** The layer file's text; technique links point at this site's pages under `site`. */
export function layerJson(view: LayerView, site: URL | undefined): string {
  const layer = buildLayer(view.detections, {
    name: view.name,
    description: view.description,
    attackVersion: ATTACK_VERSION,
    techniqueUrl: (id) => new URL(href(paths.technique(id)), site).href,
  });
  return publishedJson(layer, 1);
}

/**
 * One layer per technique page (`sub`: sub-technique pages), holding the detections that page
 * lists: those mapped to the technique or one of its sub-techniques.
 */
export function techniqueLayerEntries(c: { detections: Detection[] }, sub: boolean) {
  const counts = techniqueCounts(c.detections);
  return [...counts.keys()]
    .filter((id) => id.includes('.') === sub)
    .map((id) => {
      const name = getTechnique(id)?.name;
      const detections = counts.get(id) ?? [];
      const view: LayerView = {
        name: name ? `${id} ${name}` : id,
        description: `The ${detections.length} detections of the catalog for ATT&CK ${id}${name ? ` ${name}` : ''}; score = number of detections.`,
        detections: detectionRows(detections),
      };
      return { id, path: paths.techniqueLayer(id), props: view };
    });
}

/** Layers of the type and status matrices (`attack/type/TTP/layer.json`). */
export function matrixLayerEntries(c: { detections: Detection[] }) {
  const entry = (kind: 'type' | 'status', value: string, detections: Detection[]) => ({
    path: paths.matrixLayer(`${kind}/${value}`),
    params: { kind, value },
    props: {
      name: `${kind === 'type' ? value : `${value[0].toUpperCase()}${value.slice(1)}`} detections`,
      description: `Techniques covered by the ${detections.length} ${value} detections of the catalog; score = number of detections.`,
      detections: detectionRows(detections),
    } satisfies LayerView,
  });
  return [
    ...MATRIX_TYPES.map((t) =>
      entry(
        'type',
        t,
        c.detections.filter((d) => d.type === t),
      ),
    ),
    ...MATRIX_STATUSES.map((s) =>
      entry(
        'status',
        s,
        c.detections.filter((d) => d.status === s),
      ),
    ),
  ];
}
