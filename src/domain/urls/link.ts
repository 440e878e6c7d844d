import { safeExternalUrl } from './index.ts';

/**
 * What an external link from content really points at, and whether a reader could be misled:
 * userinfo that reads like a host (`https://www.splunk.com@evil.example/`), a host in another
 * script (shown as its punycode), bidi or invisible characters, white space the URL parser would
 * silently drop, a private or loopback address (a link into the visitor's own network), a link
 * text that names another address. Pure, used by the lint and by ExternalLink.astro alike.
 */
export type LinkIssue =
  'link-userinfo' | 'link-idn-host' | 'link-invisible' | 'link-whitespace' | 'link-private-host' | 'link-text-mismatch';

export interface LinkView {
  /** The href to render, userinfo removed; null when the link is refused (shown as text). */
  href: string | null;
  /** The text to show when the content gave none: the URL as written, or the cleaned URL when it misleads. */
  display: string;
  /** The real host (punycode), when the link is kept. */
  host: string | null;
  /** Show `host` next to the link: the text alone does not tell where it goes. */
  showHost: boolean;
  issues: LinkIssue[];
}

const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
// A space is kept visible (as %20); tabs and line breaks the URL parser drops without a trace.
const SPACE_OR_CONTROL = /[\t\n\r\u0000-\u001f\u007f-\u009f]/;

/** Text with bidi and invisible formatting characters removed (they reorder or hide what is shown). */
export const withoutInvisible = (s: string): string => (INVISIBLE.test(s) ? s.replace(INVISIBLE_ALL, '') : s);

/** The host as typed, before the URL parser maps it (IDNA) or drops characters from it. */
function typedHost(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(url);
  const authority = m?.[1] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

/**
 * Loopback, private, link-local and unspecified addresses and names that only resolve inside a
 * network (`localhost`, `.local`, `.internal`). Expects a WHATWG-parsed hostname: IPv4 in dotted
 * decimal (the parser turns `2130706433` and `0x7f.1` into it), IPv6 in brackets.
 */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    h.endsWith('.internal') ||
    h.endsWith('.home.arpa') ||
    (!h.includes('.') && !h.startsWith('['))
  )
    return true;
  const v4 = ipv4(h);
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 ||
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (h.startsWith('[')) {
    const v6 = h.slice(1, -1);
    if (v6 === '::1' || v6 === '::') return true;
    if (/^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6)) return true;
    // IPv4-mapped (::ffff:7f00:1): the private IPv4 ranges again.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return isPrivateHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
  }
  return false;
}

/** The host a link text names, when the text reads as an address (`https://…`, `www.x.com/…`). */
function textHost(text: string): string | null {
  const t = withoutInvisible(text.trim());
  if (/^https?:\/\//i.test(t)) {
    try {
      return new URL(t).hostname;
    } catch {
      return typedHost(t).toLowerCase() || null;
    }
  }
  const m = /^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?=[/:?#]|$)/i.exec(t);
  if (!m) return null;
  try {
    return new URL(`https://${m[0]}`).hostname;
  } catch {
    return null;
  }
}

const sameSite = (a: string, b: string) => a.replace(/^www\./, '') === b.replace(/^www\./, '');

/** Inspects a content URL (and the text it is shown with, when that is not the URL itself). */
export function inspectLink(url: string | null | undefined, text?: string | null): LinkView {
  const raw = (url ?? '').trim();
  const issues: LinkIssue[] = [];
  const refused = (display: string): LinkView => ({ href: null, display, host: null, showHost: false, issues });
  if (!raw) return refused('');
  if (SPACE_OR_CONTROL.test(raw)) issues.push('link-whitespace');
  if (INVISIBLE.test(raw)) issues.push('link-invisible');
  if (text && INVISIBLE.test(text)) issues.push('link-invisible');
  const href = issues.length ? null : safeExternalUrl(raw);
  if (!href) return refused(withoutInvisible(raw));
  const u = new URL(href);
  if (u.username || u.password) {
    issues.push('link-userinfo');
    u.username = '';
    u.password = '';
  }
  const host = u.hostname;
  if (/[^\x00-\x7f]/.test(typedHost(raw)) || /(^|\.)xn--/i.test(host)) issues.push('link-idn-host');
  if (isPrivateHost(host)) {
    issues.push('link-private-host');
    return refused(raw);
  }
  const named = text ? textHost(text) : null;
  if (named !== null && !sameSite(named, host)) issues.push('link-text-mismatch');
  const misleading = issues.length > 0;
  return { href: u.href, display: misleading ? u.href : raw, host, showHost: misleading, issues };
}
