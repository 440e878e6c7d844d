import { describe, expect, it } from 'vitest';
import { statusTone } from '../../../src/views/detection';

describe('status badge colour', () => {
  it('is green for production, amber for experimental and red for everything else', () => {
    expect(statusTone('production')).toBe('ok');
    expect(statusTone('experimental')).toBe('warn');
    for (const s of ['deprecated', 'removed', 'validation', '']) expect(statusTone(s), s).toBe('danger');
  });
});
