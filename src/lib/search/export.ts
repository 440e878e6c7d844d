import type { SearchEngine } from './engine';
import { csv } from '../export/csv';

/** The explore page's "download these results" for the current selection, in rank order. */
export function resultRows(engine: SearchEngine, hits: number[], siteUrl: string) {
  return hits.map((i) => {
    const d = engine.doc(i);
    return {
      id: d.id,
      name: d.name,
      folder: d.folder,
      type: d.type,
      status: d.status,
      date: d.date,
      techniques: d.techniques,
      tactics: d.tactics,
      stories: d.stories,
      data_sources: d.dataSources,
      cves: d.cves,
      url: new URL(d.path, siteUrl).href,
    };
  });
}

export const RESULT_COLUMNS = ['id', 'name', 'folder', 'type', 'status', 'date', 'techniques', 'tactics', 'stories', 'data_sources', 'cves', 'url'] as const;

export function resultsCsv(engine: SearchEngine, hits: number[], siteUrl: string): string {
  const rows = resultRows(engine, hits, siteUrl);
  return csv([...RESULT_COLUMNS], rows.map((r) => RESULT_COLUMNS.map((h) => r[h])));
}

export function resultsJson(engine: SearchEngine, hits: number[], siteUrl: string): string {
  return JSON.stringify(resultRows(engine, hits, siteUrl), null, 1);
}
