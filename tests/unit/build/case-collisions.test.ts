import { describe, expect, it } from 'vitest';
import { caseCollisions } from '../../../src/build/case-collisions';

describe('output paths equal but for case', () => {
  it('finds files and folders that a case-insensitive host would merge', () => {
    const pairs = caseCollisions([
      'playbooks/ad_locking/index.html',
      'playbooks/AD_Locking/index.html',
      'feed.xml',
      'a/B',
      'a/b/index.html',
      'ok/index.html',
      'ok/x.json',
    ]);
    const flat = pairs.map((p) => p.join(' '));
    expect(flat).toContain('playbooks/ad_locking/index.html playbooks/AD_Locking/index.html');
    expect(flat).toContain('playbooks/ad_locking/ playbooks/AD_Locking/');
    expect(flat).toContain('a/B a/b/');
    expect(flat.some((f) => f.includes('ok/'))).toBe(false);
  });

  it('finds nothing in distinct paths', () => {
    expect(caseCollisions(['a/index.html', 'b/index.html', 'a/b/c.json', 'feed.xml'])).toEqual([]);
  });
});
