import { describe, expect, it } from 'vitest';
import { inspectLink, isPrivateHost } from '../../../src/domain/urls/link';

describe('inspectLink', () => {
  it('leaves an ordinary link alone', () => {
    const v = inspectLink('https://www.splunk.com/en_us/blog.html');
    expect(v).toMatchObject({
      href: 'https://www.splunk.com/en_us/blog.html',
      display: 'https://www.splunk.com/en_us/blog.html',
      issues: [],
      showHost: false,
    });
  });

  it('drops userinfo from the link and shows the real host', () => {
    const v = inspectLink('https://www.splunk.com@evil.example/path');
    expect(v.issues).toEqual(['link-userinfo']);
    expect(v.href).toBe('https://evil.example/path');
    expect(v.display).toBe('https://evil.example/path');
    expect(v.display).not.toContain('splunk');
    expect(v).toMatchObject({ host: 'evil.example', showHost: true });
    expect(inspectLink('https://user:pass@example.org/').href).toBe('https://example.org/');
  });

  it('shows a non-ASCII host as its punycode', () => {
    const v = inspectLink('https://spl\u0443nk.com/');
    expect(v.issues).toEqual(['link-idn-host']);
    expect(v.host).toMatch(/^xn--/);
    expect(v.showHost).toBe(true);
    expect(inspectLink('https://xn--splnk-3ve.com/').issues).toEqual(['link-idn-host']);
  });

  it('refuses bidi and invisible characters in the URL or its text', () => {
    expect(inspectLink('https://example.org/\u202eexe.txt')).toMatchObject({ href: null, issues: ['link-invisible'] });
    expect(inspectLink('https://exa\u200bmple.org/').href).toBeNull();
    expect(inspectLink('https://example.org/', 'Add-on \u202ecod.exe').issues).toContain('link-invisible');
  });

  it('refuses tabs and line breaks the URL parser would drop silently', () => {
    expect(inspectLink('https://www.splunk.com\t.evil.example/')).toMatchObject({
      href: null,
      issues: ['link-whitespace'],
    });
    expect(inspectLink('https://exa\nmple.org/').href).toBeNull();
    // A space stays visible as %20: not misleading.
    expect(inspectLink('https://example.org/a b').href).toBe('https://example.org/a%20b');
  });

  it('refuses loopback, private and link-local hosts', () => {
    for (const u of [
      'http://127.0.0.1:8000/',
      'http://2130706433/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:8089/',
      'https://splunk.local/',
      'https://api.internal/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fe80::1]/',
    ]) {
      expect(inspectLink(u), u).toMatchObject({ href: null, issues: ['link-private-host'] });
    }
    for (const h of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'example.org', '[2001:db8::1]'])
      expect(isPrivateHost(h), h).toBe(false);
  });

  it('flags a link text that names another address, and shows the real host', () => {
    const v = inspectLink('https://evil.example/ta', 'https://splunkbase.splunk.com/app/742');
    expect(v.issues).toEqual(['link-text-mismatch']);
    expect(v).toMatchObject({ host: 'evil.example', showHost: true });
    expect(inspectLink('https://evil.example/', 'splunkbase.splunk.com/app/742').issues).toEqual([
      'link-text-mismatch',
    ]);
    expect(
      inspectLink('https://splunkbase.splunk.com/app/742', 'https://www.splunkbase.splunk.com/app/742').issues,
    ).toEqual([]);
    expect(inspectLink('https://splunkbase.splunk.com/app/742', 'Splunk Add-on for Windows').issues).toEqual([]);
  });

  it('keeps non-http URLs out of links without a link warning (non-http-reference covers them)', () => {
    expect(inspectLink('javascript:alert(1)')).toMatchObject({ href: null, issues: [] });
  });
});
