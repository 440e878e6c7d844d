import type { SearchData } from './records';
import { csv } from '../export/csv';

/** The explore page's "download these results" for the current selection, in rank order. */
export function resultRows(data: SearchData, hits: number[], siteUrl: string) {
  const dict = data.dict;
  return hits.map((i) => {
    const d = data.docs[i];
    return {
      id: d.id,
      name: d.n,
      folder: dict.folders[d.f],
      type: dict.types[d.t],
      status: dict.statuses[d.s],
      date: d.d,
      techniques: d.m,
      tactics: d.ta.map((x) => dict.tactics[x]),
      stories: d.st.map((x) => dict.stories[x]),
      data_sources: d.ds.map((x) => dict.dataSources[x]),
      cves: d.cv,
      url: new URL(d.u, siteUrl).href,
    };
  });
}

export function resultsCsv(data: SearchData, hits: number[], siteUrl: string): string {
  const rows = resultRows(data, hits, siteUrl);
  const header = ['id', 'name', 'folder', 'type', 'status', 'date', 'techniques', 'tactics', 'stories', 'data_sources', 'cves', 'url'];
  return csv(header, rows.map((r) => header.map((h) => r[h as keyof typeof r])));
}

export function resultsJson(data: SearchData, hits: number[], siteUrl: string): string {
  return JSON.stringify(resultRows(data, hits, siteUrl), null, 1);
}
