import type { DataSource, Detection, DetectionStatus } from '../../../src/content/model';
import { buildMyData, type MyData } from '../../../src/domain/coverage/data';

/** A minimal data source: only what the coverage code reads. */
export function ds(name: string, over: Partial<DataSource> = {}): DataSource {
  return {
    kind: 'data_source',
    id: `00000000-0000-4000-8000-${String(name.length).padStart(4, '0')}${name
      .replace(/\W/g, '')
      .slice(0, 8)
      .padEnd(8, '0')
      .toLowerCase()
      .replace(/[^0-9a-f]/g, 'a')}`,
    name,
    source: null,
    sourcetype: null,
    supportedTa: [],
    ...over,
  } as DataSource;
}

let seq = 0;
/** A minimal detection: entries are `A AND B` strings, as written in YAML. */
export function det(name: string, entries: string[], over: Partial<Detection> = {}): Detection {
  seq++;
  const parts = entries.map((e) => e.split('AND').map((s) => s.trim()));
  return {
    kind: 'detection',
    id: `${String(seq).padStart(8, '0')}-0000-4000-8000-000000000000`,
    name,
    status: 'production' as DetectionStatus,
    dataSources: [...new Set(parts.flat())],
    dataSourceEntries: parts,
    mitreIds: [],
    stories: [],
    ...over,
  } as Detection;
}

export function data(detections: Detection[], sources: DataSource[]): MyData {
  // Through JSON, exactly as the browser receives it.
  return JSON.parse(JSON.stringify(buildMyData(detections, sources, [], '17.1'))) as MyData;
}

export const sourceIndex = (d: MyData, ...names: string[]) => names.map((n) => d.sources.name.indexOf(n));
