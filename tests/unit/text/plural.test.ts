import { describe, expect, it } from 'vitest';
import { counted, plural } from '../../../src/lib/text/plural.ts';
import { heatLevel } from '../../../src/domain/attack/heat.ts';

describe('counts in prose', () => {
  it('uses the singular for one only', () => {
    expect([0, 1, 2].map((n) => counted(n, 'detection'))).toEqual(['0 detections', '1 detection', '2 detections']);
    expect(plural(3, 'Story', 'Stories')).toBe('Stories');
    expect(plural(1, 'stands', 'stand')).toBe('stands');
  });
});

describe('matrix shading', () => {
  it('steps at 1, 2, 5 and 10 detections', () => {
    expect([0, 1, 2, 4, 5, 9, 10, 500].map(heatLevel)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });
});
