import { describe, expect, it } from 'vitest';
import { coverageCounts, coverageSummary } from '../../../src/domain/attack/coverage';
import { isCurrentTechnique } from '../../../src/domain/attack';
import { techniqueCounts } from '../../../src/domain/navigator/layer';
import {
  describeFilter,
  filterFromPath,
  filterFromQuery,
  filterPath,
  matrixFilterData,
  selectRows,
  staticLayerPath,
} from '../../../src/domain/navigator/matrix-filter';

const d = (name: string, type: string, status: string, stories: string[], mitreIds: string[]) => ({
  name,
  type,
  status,
  stories,
  mitreIds,
});
const detections = [
  d('a', 'TTP', 'production', ['K8s', 'Cloud'], ['T1204']),
  d('b', 'Anomaly', 'production', ['K8s'], ['T1610', 'T1204.002']),
  d('c', 'TTP', 'experimental', ['Windows'], ['T1003.001']),
  d('d', 'Hunting', 'deprecated', ['Nowhere'], ['T1003']),
];
const slug = (n: string) => (n === 'Nowhere' ? null : n.toLowerCase());
const data = matrixFilterData(detections, slug);
const names = (f: Parameters<typeof selectRows>[1]) => selectRows(data, f).map((r) => r.name);

describe('matrix filters', () => {
  it('indexes stories by slug and leaves out unknown ones', () => {
    expect(data.stories).toEqual(['k8s', 'cloud', 'windows']);
    expect(data.rows[0]).toEqual(['a', 'TTP', 'production', [0, 1], ['T1204']]);
    expect(data.rows[3][3]).toEqual([]);
  });

  it('combines type, status and story', () => {
    expect(names({})).toEqual(['a', 'b', 'c', 'd']);
    expect(names({ story: 'k8s' })).toEqual(['a', 'b']);
    expect(names({ story: 'k8s', type: 'TTP' })).toEqual(['a']);
    expect(names({ type: 'TTP', status: 'experimental' })).toEqual(['c']);
    expect(names({ type: 'TTP', status: 'experimental', story: 'k8s' })).toEqual([]);
    expect(names({ story: 'unknown' })).toEqual([]);
  });

  it('counts the kept rows as the build counts detections (parents over sub-techniques)', () => {
    const counts = techniqueCounts(selectRows(data, { story: 'k8s' }));
    expect(counts.get('T1204')?.length).toBe(2);
    expect(counts.get('T1610')?.length).toBe(1);
    expect(counts.has('T1003')).toBe(false);
  });

  it('reads the query on top of the page, ignoring values it does not know', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(filterFromQuery(q('type=TTP&story=k8s'))).toEqual({ type: 'TTP', story: 'k8s' });
    expect(filterFromQuery(q('status=production'), { type: 'Hunting' })).toEqual({
      type: 'Hunting',
      status: 'production',
    });
    expect(filterFromQuery(q('type=<script>&status=nope'))).toEqual({});
    expect(filterFromPath('/catalog/attack/type/TTP/')).toEqual({ type: 'TTP' });
    expect(filterFromPath('/attack/status/deprecated/')).toEqual({ status: 'deprecated' });
    expect(filterFromPath('/attack/type/Nope/')).toEqual({});
    expect(filterFromPath('/attack/')).toEqual({});
  });

  it('gives a single type or status its static page and layer, and any combination the full matrix', () => {
    expect(filterPath({})).toBe('attack/');
    expect(filterPath({ type: 'TTP' })).toBe('attack/type/TTP/');
    expect(filterPath({ status: 'production' })).toBe('attack/status/production/');
    expect(filterPath({ story: 'k8s' })).toBe('attack/?story=k8s');
    expect(filterPath({ type: 'TTP', status: 'production', story: 'a&b' })).toBe(
      'attack/?type=TTP&status=production&story=a%26b',
    );
    expect(staticLayerPath({})).toBe('attack/layer.json');
    expect(staticLayerPath({ type: 'TTP' })).toBe('attack/type/TTP/layer.json');
    expect(staticLayerPath({ story: 'k8s' })).toBe('stories/k8s/layer.json');
    expect(staticLayerPath({ story: 'k8s', type: 'TTP' })).toBeNull();
    expect(describeFilter({ type: 'TTP', status: 'production', story: 'k8s' }, 'Kubernetes')).toBe(
      'TTP, production detections of the story “Kubernetes”',
    );
  });
});

describe('what "techniques" counts', () => {
  it('counts current techniques, sub-techniques apart, and leaves out ids ATT&CK revoked or does not know', () => {
    // T1574.002 is revoked in ATT&CK v18; T9999 does not exist.
    const mapped = ['T1204', 'T1204.002', 'T1003', 'T1003.001', 'T1574.002', 'T9999', 'T1574'];
    expect(coverageCounts(mapped, isCurrentTechnique)).toEqual({ techniques: 3, subTechniques: 2 });
    expect(coverageSummary(1, { techniques: 1, subTechniques: 0 })).toBe(
      '1 detection covers 1 technique and 0 sub-techniques',
    );
    expect(coverageSummary(12, { techniques: 9, subTechniques: 4 })).toBe(
      '12 detections cover 9 techniques and 4 sub-techniques',
    );
  });
});
