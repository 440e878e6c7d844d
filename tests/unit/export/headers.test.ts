import { describe, expect, it } from 'vitest';
import { headersFile, securityHeaders } from '../../../src/domain/export/headers';
import { CONTENT_SECURITY_POLICY } from '../../../src/lib/site';

const parse = (file: string) => {
  const lines = file.split('\n').filter((l) => l && !l.startsWith('#'));
  return {
    path: lines[0],
    headers: Object.fromEntries(
      lines.slice(1).map((l) => {
        const i = l.indexOf(': ');
        return [l.slice(0, i).trim(), l.slice(i + 2)];
      }),
    ),
  };
};

describe('_headers', () => {
  it('covers every file under the base path', () => {
    expect(parse(headersFile('/', CONTENT_SECURITY_POLICY)).path).toBe('/*');
    expect(parse(headersFile('/catalog/', CONTENT_SECURITY_POLICY)).path).toBe('/catalog/*');
    expect(parse(headersFile('/catalog', CONTENT_SECURITY_POLICY)).path).toBe('/catalog/*');
    expect(parse(headersFile('', CONTENT_SECURITY_POLICY)).path).toBe('/*');
  });

  it("carries the pages' CSP plus frame-ancestors, and the other security headers", () => {
    const { headers } = parse(headersFile('/', CONTENT_SECURITY_POLICY));
    expect(headers['Content-Security-Policy']).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(headers['Content-Security-Policy']).not.toContain('unsafe-inline');
    expect(headers).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    for (const p of ['camera=()', 'microphone=()', 'geolocation=()', 'interest-cohort=()'])
      expect(headers['Permissions-Policy']).toContain(p);
  });

  it('follows the policy constant, whatever it holds', () => {
    expect(securityHeaders("default-src 'none';")[0][1]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('indents header lines and has one path line (the Netlify / Cloudflare Pages format)', () => {
    const lines = headersFile('/x/', "default-src 'self'").trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#') && !l.startsWith('  '))).toEqual(['/x/*']);
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(6);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows nothing inline: scripts and styles from our own files only', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
  });
});
