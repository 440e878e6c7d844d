import { describe, expect, it } from 'vitest';
import { newIssueUrl, sourceFileUrl } from '../../../src/domain/urls/index.ts';

describe('sourceFileUrl', () => {
  it('links the file on the branch, each segment encoded', () => {
    expect(sourceFileUrl('https://github.com/splunk/security_content/', 'develop', 'macros/sysmon.yml')).toBe(
      'https://github.com/splunk/security_content/blob/develop/macros/sysmon.yml',
    );
    expect(sourceFileUrl('https://git.example/fork', 'release/5.0', 'stories/a b#?.yml')).toBe(
      'https://git.example/fork/blob/release%2F5.0/stories/a%20b%23%3F.yml',
    );
  });

  it('gives no link for a repository that is not http(s)', () => {
    expect(sourceFileUrl('javascript:alert(1)//', 'develop', 'macros/x.yml')).toBeNull();
  });
});

describe('newIssueUrl', () => {
  it('fills the title and body as query values, so content cannot add parameters', () => {
    const url = newIssueUrl(
      'https://github.com/splunk/security_content',
      'Macro: a&labels=x #1',
      'File: macros/a.yml\n',
    );
    const u = new URL(url!);
    expect(u.pathname).toBe('/splunk/security_content/issues/new');
    expect([...u.searchParams.keys()]).toEqual(['title', 'body']);
    expect(u.searchParams.get('title')).toBe('Macro: a&labels=x #1');
    expect(u.searchParams.get('body')).toBe('File: macros/a.yml\n');
  });
});
