import { describe, expect, it } from 'vitest';
import {
  makeProfile,
  parseProfile,
  parseSourcesParam,
  sourcesQuery,
  MAX_PROFILE_SOURCES,
} from '../../../src/domain/coverage/profile';
import {
  coverageLayer,
  detectionsFromCsv,
  runnableCsv,
  CATALOG_ONLY_COLOR,
} from '../../../src/domain/coverage/exports';
import { csv } from '../../../src/domain/export/csv';

const known = new Set(['aaa-1', 'bbb-2']);

describe('profiles read back from storage, files and links', () => {
  it('round-trips through JSON, keeping known ids only', () => {
    const text = JSON.stringify(makeProfile(['bbb-2', 'aaa-1', 'gone-3'], '2026-01-02T00:00:00.000Z'));
    expect(parseProfile(text, known)).toEqual({
      profile: makeProfile(['aaa-1', 'bbb-2'], '2026-01-02T00:00:00.000Z'),
      dropped: 1,
    });
  });

  it('refuses what is not a profile: bad JSON, another kind, non-id entries, too many', () => {
    expect(parseProfile('{', known)).toBeNull();
    expect(parseProfile(JSON.stringify({ kind: 'x', v: 1, sources: [] }), known)).toBeNull();
    expect(parseProfile(JSON.stringify({ ...makeProfile([]), sources: ['<script>'] }), known)).toBeNull();
    expect(parseProfile(JSON.stringify({ ...makeProfile([]), sources: { 0: 'aaa-1' } }), known)).toBeNull();
    const many = Array.from({ length: MAX_PROFILE_SOURCES + 1 }, (_, i) => `id-${i}`);
    expect(parseProfile(JSON.stringify({ ...makeProfile([]), sources: many }), known)).toBeNull();
  });

  it('reads ?sources= as known ids, and refuses a malformed one', () => {
    expect(parseSourcesParam('aaa-1, zzz-9,aaa-1', known)).toEqual({ ids: ['aaa-1'], dropped: 1 });
    expect(parseSourcesParam('aaa-1,"><img', known)).toBeNull();
    expect(parseSourcesParam(null, known)).toBeNull();
    expect(sourcesQuery(['aaa-1', 'bbb-2'])).toBe('sources=aaa-1,bbb-2');
  });
});

describe('coverage exports', () => {
  const header = ['id', 'name', 'folder', 'techniques'];
  const text = csv(header, [
    ['id-1', 'Runs, "quoted"', 'endpoint', ['T1059.001']],
    ['id-2', 'Blind', 'endpoint', ['T1003', 'T1059.001']],
    ['id-3', '=cmd', 'cloud', []],
  ]);
  const runnable = (id: string) => id === 'id-1' || id === 'id-3';

  it('reads the API CSV rows back, quotes and lists included', () => {
    expect(detectionsFromCsv(text)[0]).toEqual({ id: 'id-1', name: 'Runs, "quoted"', mitreIds: ['T1059.001'] });
  });

  it('keeps the header and the runnable rows as written', () => {
    const out = runnableCsv(text, runnable).split('\r\n');
    expect(out[0]).toBe('id,name,folder,techniques');
    expect(out.slice(1, 3).map((r) => r.split(',')[0])).toEqual(['id-1', 'id-3']);
    expect(out[2]).toContain("'=cmd");
  });

  it('scores runnable detections and marks catalog-only techniques in a second colour', () => {
    const layer = coverageLayer(detectionsFromCsv(text), runnable, {
      name: 'mine',
      description: 'd',
      attackVersion: '17.1',
      techniqueUrl: (id) => `https://x.test/techniques/${id}/`,
    });
    expect(layer.versions.layer).toBe('4.5');
    const t = Object.fromEntries(layer.techniques.map((x) => [x.techniqueID, x]));
    expect(t['T1059.001'].score).toBe(1);
    expect(t['T1059.001'].color).toBeUndefined();
    expect(t.T1003).toMatchObject({ score: 0, color: CATALOG_ONLY_COLOR });
    expect(t.T1003.comment).toContain('Blind');
    expect(layer.legendItems.at(-1)!.color).toBe(CATALOG_ONLY_COLOR);
  });
});
