import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyFoldersHoldOnlyDetections, legacyRedirects, redirectFiles } from '../../../src/domain/urls/redirects';
import type { Detection, Playbook } from '../../../src/content/model';
import { researchSlug } from '../../../src/content/segment';

describe('redirect files', () => {
  const out = resolve('/tmp/out-example');
  const redirects = [
    { from: 'endpoint/old_name/', to: 'endpoint/1111/' },
    { from: 'playbooks/stem/', to: 'playbooks/slug/' },
    { from: '../../escape/', to: 'endpoint/1111/' },
  ];

  it('writes a meta-refresh page and a 301 rule per redirect, under the base', () => {
    const plan = redirectFiles(redirects, out, '/catalog/', 'https://example.org', new Set());
    expect(plan.files.map(([f]) => f)).toEqual([
      join(out, 'endpoint/old_name/index.html'),
      join(out, 'playbooks/stem/index.html'),
    ]);
    expect(plan.files[0][1]).toContain('url=/catalog/endpoint/1111/');
    expect(plan.files[0][1]).toContain('href="https://example.org/catalog/endpoint/1111/"');
    expect(plan.rules.trim().split('\n')).toEqual([
      '/catalog/endpoint/old_name/ /catalog/endpoint/1111/ 301',
      '/catalog/playbooks/stem/ /catalog/playbooks/slug/ 301',
    ]);
  });

  it('leaves out a redirect where this build has a page, and one leading outside the folder', () => {
    const plan = redirectFiles(
      redirects,
      out,
      '/',
      'https://example.org',
      new Set([join(out, 'playbooks/stem/index.html')]),
    );
    expect(plan.files.map(([f]) => f)).toEqual([join(out, 'endpoint/old_name/index.html')]);
    expect(plan.rules).not.toContain('playbooks/stem');
    expect(plan.rules).not.toContain('escape');
  });

  it('writes no stub whose path differs from a page, or an earlier stub, only in case; its rule stays', () => {
    const r = [
      { from: 'playbooks/AD_Locking/', to: 'playbooks/ad_locking/' },
      { from: 'endpoint/Twice/', to: 'endpoint/1111/' },
      { from: 'endpoint/twice/', to: 'endpoint/2222/' },
    ];
    const plan = redirectFiles(
      r,
      out,
      '/',
      'https://example.org',
      new Set([join(out, 'playbooks/ad_locking/index.html')]),
    );
    expect(plan.files.map(([f]) => f)).toEqual([join(out, 'endpoint/Twice/index.html')]);
    expect(plan.rules.trim().split('\n')).toEqual([
      '/playbooks/AD_Locking/ /playbooks/ad_locking/ 301',
      '/endpoint/Twice/ /endpoint/1111/ 301',
      '/endpoint/twice/ /endpoint/2222/ 301',
    ]);
  });
});

describe('legacy redirects', () => {
  const det = (folder: string, id: string, name: string, status = 'production') =>
    ({ folder, id, name, alias: researchSlug(name), status }) as unknown as Detection;
  const playbook = { stem: 'Old_Stem', slug: 'old_stem' } as unknown as Playbook;

  it('forward the name alias of every detection and the old places of a deprecated one, never a canonical path', () => {
    const active = det('endpoint', 'aaaa', 'Suspicious Thing - Variant');
    const moved = det('deprecated', 'bbbb', 'Old Thing', 'deprecated');
    const inPlace = det('cloud', 'cccc', 'Retired In Place', 'deprecated');
    const map = Object.fromEntries(legacyRedirects([active, moved, inPlace], [playbook]).map((r) => [r.from, r.to]));
    expect(map['endpoint/suspicious_thing_-_variant/']).toBe('endpoint/aaaa/');
    // A deprecated detection left its category folder: its id and alias there forward.
    for (const f of ['application', 'cloud', 'endpoint', 'network', 'web']) {
      expect(map[`${f}/bbbb/`]).toBe('deprecated/bbbb/');
      expect(map[`${f}/old_thing/`]).toBe('deprecated/bbbb/');
    }
    expect(map['deprecated/old_thing/']).toBe('deprecated/bbbb/');
    // New layout: deprecated but still in its folder, so the old deprecated/ URL forwards here.
    expect(map['deprecated/cccc/']).toBe('cloud/cccc/');
    // An active detection's id under other folders is the 404 page's job, not a static page.
    expect(map['cloud/aaaa/']).toBeUndefined();
    expect(map['playbooks/Old_Stem/']).toBe('playbooks/old_stem/');
    expect(Object.keys(map)).not.toContain('endpoint/aaaa/');
    expect(Object.keys(map)).not.toContain('deprecated/bbbb/');
  });

  it('gives a detection its own alias before the old places of a deprecated one, compared without case', () => {
    // The deprecated detection comes first, and its alias under endpoint/ is a live detection's own.
    const moved = det('deprecated', 'bbbb', 'Shared Name', 'deprecated');
    const live = det('endpoint', 'aaaa', 'shared name');
    const map = Object.fromEntries(legacyRedirects([moved, live], []).map((r) => [r.from, r.to]));
    expect(map['endpoint/shared_name/']).toBe('endpoint/aaaa/');
    expect(map['cloud/shared_name/']).toBe('deprecated/bbbb/');
    // A canonical path is never a redirect, in any case.
    const upper = det('endpoint', 'cccc', 'AAAA');
    expect(
      legacyRedirects([det('endpoint', 'aaaa', 'x'), { ...upper, alias: 'AAAA' } as Detection], []).map((r) => r.from),
    ).not.toContain('endpoint/AAAA/');
  });
});

describe('redirects written before the pages are known', () => {
  const seg = (content: string, dynamic = false) => [{ content, dynamic }];
  const route = (entrypoint: string, ...segments: { content: string; dynamic: boolean }[][]) => ({
    entrypoint,
    segments,
  });
  const ours = [
    route('src/pages/index.astro'),
    route('src/pages/[folder]/[id].astro', seg('folder', true), seg('id', true)),
    route('src/pages/stories/[slug].astro', seg('stories'), seg('slug', true)),
  ];

  it('are allowed when only the detection route reaches the legacy folders', () => {
    expect(legacyFoldersHoldOnlyDetections(ours)).toBe(true);
  });

  it('are not when another route starts with a legacy folder or with a parameter', () => {
    expect(legacyFoldersHoldOnlyDetections([...ours, route('src/pages/endpoint/index.astro', seg('endpoint'))])).toBe(
      false,
    );
    expect(
      legacyFoldersHoldOnlyDetections([
        ...ours,
        route('src/pages/[lang]/about.astro', seg('lang', true), seg('about')),
      ]),
    ).toBe(false);
  });
});
