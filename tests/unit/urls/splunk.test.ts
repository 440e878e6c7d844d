import { describe, expect, it } from 'vitest';
import { fillTokens, parseSplunkUrl, splunkHost, splunkSearchUrl } from '../../../src/domain/urls/splunk.ts';

describe('parseSplunkUrl', () => {
  it('takes the root, locale and app out of an address copied from the Splunk address bar', () => {
    expect(parseSplunkUrl('https://splunk.corp.example:8000/en-US/app/search/search')).toEqual({
      base: 'https://splunk.corp.example:8000',
      locale: 'en-US',
      app: 'search',
    });
    expect(
      parseSplunkUrl('https://Splunk.Corp.Example:8000/en-gb/app/SplunkEnterpriseSecuritySuite/ess_home?x=1#y'),
    ).toEqual({ base: 'https://splunk.corp.example:8000', locale: 'en-GB', app: 'SplunkEnterpriseSecuritySuite' });
    expect(parseSplunkUrl('https://splunk.corp.example/en-GB')).toEqual({
      base: 'https://splunk.corp.example',
      locale: 'en-GB',
      app: null,
    });
    expect(parseSplunkUrl('https://splunk.corp.example/en-US/account/login?return_to=%2Fen-US%2F')).toMatchObject({
      base: 'https://splunk.corp.example',
      app: null,
    });
  });

  it('keeps a reverse proxy prefix as part of the root', () => {
    expect(parseSplunkUrl('https://tools.example/splunk/fr-FR/app/search/search')).toEqual({
      base: 'https://tools.example/splunk',
      locale: 'fr-FR',
      app: 'search',
    });
    expect(parseSplunkUrl('https://tools.example/splunk/')).toEqual({
      base: 'https://tools.example/splunk',
      locale: null,
      app: null,
    });
    expect(parseSplunkUrl('https://tools.example/splunk/app/search/search')).toMatchObject({
      base: 'https://tools.example/splunk',
      app: 'search',
    });
  });

  it('adds a scheme to a bare host: http for this machine, https elsewhere', () => {
    expect(parseSplunkUrl('splunk.corp.example:8000')?.base).toBe('https://splunk.corp.example:8000');
    expect(parseSplunkUrl('localhost:8000/en-US/app/search/search')?.base).toBe('http://localhost:8000');
    expect(parseSplunkUrl('  http://10.0.0.5:8000/  ')?.base).toBe('http://10.0.0.5:8000');
  });

  it('refuses anything that is not an http(s) address without credentials', () => {
    for (const bad of [
      '',
      'javascript:alert(1)',
      'JavaScript://%0aalert(1)',
      'data:text/html,x',
      'ftp://splunk.example',
      'https://user:pw@splunk.example',
      '//splunk.example',
      '/en-US/app/search',
      'https://exa mple.org',
      'http://',
    ]) {
      expect(parseSplunkUrl(bad), bad).toBeNull();
    }
  });
});

describe('splunkSearchUrl', () => {
  const q = '| tstats count where index=* by sourcetype';
  it('never doubles the path or the locale of a pasted address', () => {
    const u = new URL(
      splunkSearchUrl({ base: 'https://splunk.corp.example:8000/en-US/app/search/search', app: 'search' }, q),
    );
    expect(u.pathname).toBe('/en-US/app/search/search');
    expect(u.searchParams.get('q')).toBe(q);
    const gb = new URL(splunkSearchUrl({ base: 'https://splunk.corp.example/en-GB', app: 'search' }, q));
    expect(gb.pathname).toBe('/en-GB/app/search/search');
  });
  it('uses the locale given, else en-US, and encodes the app', () => {
    expect(new URL(splunkSearchUrl({ base: 'https://s.example', app: 'search', locale: 'ja-jp' }, q)).pathname).toBe(
      '/ja-JP/app/search/search',
    );
    expect(new URL(splunkSearchUrl({ base: 'https://s.example', app: 'a/b' }, q)).pathname).toBe(
      '/en-US/app/search/search',
    );
    expect(new URL(splunkSearchUrl({ base: 'https://s.example/splunk', app: 'search' }, q)).pathname).toBe(
      '/splunk/en-US/app/search/search',
    );
  });
});

describe('splunkHost', () => {
  it('names the host a link opens, or nothing for a bad address', () => {
    expect(splunkHost('https://splunk.corp.example:8000/en-US/app/search/search')).toBe('splunk.corp.example');
    expect(splunkHost('javascript:alert(1)')).toBeNull();
  });
});

describe('fillTokens', () => {
  it('fills every occurrence of a token and quotes values that are not plain words', () => {
    expect(fillTokens('user=$user$ OR src_user=$user$ dest=$dest$', { user: 'alice', dest: 'a b' })).toBe(
      'user=alice OR src_user=alice dest="a b"',
    );
    expect(fillTokens('user=$user$', { user: '  ' })).toBe('user=$user$');
  });
});
