import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redirectFiles } from '../../../src/lib/urls/redirects';

describe('redirect files', () => {
  const out = resolve('/tmp/out-example');
  const redirects = [
    { from: 'endpoint/old_name/', to: 'endpoint/1111/' },
    { from: 'playbooks/stem/', to: 'playbooks/slug/' },
    { from: '../../escape/', to: 'endpoint/1111/' },
  ];

  it('writes a meta-refresh page and a 301 rule per redirect, under the base', () => {
    const plan = redirectFiles(redirects, out, '/catalog/', 'https://example.org', new Set());
    expect(plan.files.map(([f]) => f)).toEqual([join(out, 'endpoint/old_name/index.html'), join(out, 'playbooks/stem/index.html')]);
    expect(plan.files[0][1]).toContain('url=/catalog/endpoint/1111/');
    expect(plan.files[0][1]).toContain('href="https://example.org/catalog/endpoint/1111/"');
    expect(plan.rules.trim().split('\n')).toEqual(['/catalog/endpoint/old_name/ /catalog/endpoint/1111/ 301', '/catalog/playbooks/stem/ /catalog/playbooks/slug/ 301']);
  });

  it('leaves out a redirect where this build has a page, and one leading outside the folder', () => {
    const plan = redirectFiles(redirects, out, '/', 'https://example.org', new Set([join(out, 'playbooks/stem/index.html')]));
    expect(plan.files.map(([f]) => f)).toEqual([join(out, 'endpoint/old_name/index.html')]);
    expect(plan.rules).not.toContain('playbooks/stem');
    expect(plan.rules).not.toContain('escape');
  });
});
