import { describe, expect, it } from 'vitest';
import { href, paths, techniquePath } from '../../../src/domain/urls';
import { shownPath, SHOWN_PATH_MAX } from '../../../src/domain/urls/not-found';
import { contentDirLabel, redactContentDir } from '../../../src/content/content-dir';

describe('ATT&CK id links', () => {
  it('only well-formed ids become technique paths', () => {
    expect(techniquePath('t1059.001')).toBe('techniques/T1059/001/');
    expect(techniquePath(' T1204 ')).toBe('techniques/T1204/');
    for (const bad of ['T1059/../../x', 'T1059.001.002', '../T1', 'T12', 'T1059.1', 'T1059 '])
      if (bad !== 'T1059 ') expect(techniquePath(bad), bad).toBeNull();
  });

  it('a malformed id given to paths.technique anyway never yields a dot segment or extra folder', () => {
    for (const bad of ['T1059/../../x', '../T1', '..']) {
      const p = href(paths.technique(bad), '/');
      expect(p.split('/').filter((s) => s === '..' || s === '.')).toEqual([]);
      expect(p.split('/').length).toBe(4);
    }
  });
});

describe('href', () => {
  it('encodes ? # % spaces and quotes inside a segment', () => {
    expect(href(paths.detection({ folder: 'we b#x?y', id: 'a%b"c\'' }), '/')).toBe("/we%20b%23x%3Fy/a%25b%22c'/");
    expect(href(paths.story({ slug: 'a#b' }), '/base/')).toBe('/base/stories/a%23b/');
  });

  it('keeps a query or fragment that follows a slash', () => {
    expect(href(paths.explore('a b#c'), '/')).toBe('/explore/?q=a%20b%23c');
    expect(href(paths.folder('web'), '/')).toBe('/detections/#web');
  });
});

describe('the 404 page text', () => {
  it('drops controls, bidi and invisible characters, and caps the length', () => {
    expect(shownPath('/a%E2%80%AEtxt.exe/%00%1b[2J/\u200b')).toBe('/atxt.exe/[2J/');
    const long = shownPath(`/${'x'.repeat(500)}/`);
    expect([...long].length).toBe(SHOWN_PATH_MAX);
    expect(long.endsWith('…')).toBe(true);
    expect(shownPath('/%E0%A4%A/')).toBe('/%E0%A4%A/');
  });
});

describe('CONTENT_DIR as published', () => {
  it('is relative inside the project and only its last folder outside', () => {
    expect(contentDirLabel('/work/site/content', '/work/site')).toBe('content');
    expect(contentDirLabel('/work/site', '/work/site')).toBe('.');
    expect(contentDirLabel('/tmp/hostile-content-x1', '/work/site')).toBe('hostile-content-x1');
    expect(contentDirLabel('/work/shared/corpus/security_content/', '/work/site')).toBe('security_content');
    expect(redactContentDir("EACCES: open '/tmp/hc/lookups/x.csv'", '/tmp/hc', '/work/site')).toBe(
      "EACCES: open 'hc/lookups/x.csv'",
    );
  });
});
