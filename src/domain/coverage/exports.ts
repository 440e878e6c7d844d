import { buildLayer, techniqueCounts, type LayerOptions, type LayerTechnique } from '../navigator/layer.ts';
import { csvRecords, selectCsv } from '../search/export.ts';
import { csvCells } from './paste.ts';

/**
 * "My coverage" downloads, made in the browser from the profile and /api/detections.csv
 * (fetched on click): the CSV rows of the runnable detections, so a download has the API's
 * columns, and a Navigator layer whose score is the number of runnable detections, with
 * techniques the catalog covers but the profile does not in a second colour.
 */

export interface CsvDetection {
  id: string;
  name: string;
  mitreIds: string[];
}

/** The id, name and techniques of each row of /api/detections.csv. */
export function detectionsFromCsv(text: string): CsvDetection[] {
  const [header, ...rows] = csvRecords(text);
  if (!header) return [];
  const cols = csvCells(header);
  const at = (k: string) => cols.indexOf(k);
  const [id, name, techniques] = [at('id'), at('name'), at('techniques')];
  if (id < 0 || name < 0 || techniques < 0) return [];
  return rows.map((r) => {
    const c = csvCells(r);
    return {
      id: c[id] ?? '',
      name: c[name] ?? '',
      mitreIds: (c[techniques] ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

/** The header and the rows of the runnable detections, in the API's order. */
export function runnableCsv(text: string, runnable: (id: string) => boolean): string {
  const ids = detectionsFromCsv(text)
    .map((d) => d.id)
    .filter(runnable);
  return selectCsv(text, ids);
}

export const CATALOG_ONLY_COLOR = '#f2b872';

export function coverageLayer(all: readonly CsvDetection[], runnable: (id: string) => boolean, opts: LayerOptions) {
  const mine = all.filter((d) => runnable(d.id));
  const layer = buildLayer(mine, opts);
  const catalog = techniqueCounts(all);
  const techniques: (LayerTechnique & { color?: string })[] = layer.techniques.map((t) => ({
    ...t,
    comment: `Runnable with my data: ${t.comment}`.slice(0, 4000),
    metadata: [...t.metadata, { name: 'in the catalog', value: String(catalog.get(t.techniqueID)?.length ?? 0) }],
  }));
  const have = new Set(techniques.map((t) => t.techniqueID));
  for (const [id, dets] of [...catalog.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (have.has(id)) continue;
    techniques.push({
      techniqueID: id,
      score: 0,
      color: CATALOG_ONLY_COLOR,
      comment: `In the catalog, not runnable with my data: ${dets.map((d) => d.name).join('; ')}`.slice(0, 4000),
      enabled: true,
      showSubtechniques: false,
      metadata: [
        { name: 'detections', value: '0' },
        { name: 'in the catalog', value: String(dets.length) },
      ],
      links: [{ label: 'Detections in the catalog', url: opts.techniqueUrl(id) }],
    });
  }
  return {
    ...layer,
    techniques,
    legendItems: [
      ...layer.legendItems.map((l) => ({ ...l, label: `${l.label} runnable` })),
      { label: 'In the catalog only (no runnable detection)', color: CATALOG_ONLY_COLOR },
    ],
  };
}
