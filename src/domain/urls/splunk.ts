/**
 * "Try in Splunk" links: a search opened in the visitor's own Splunk Web, prefilled.
 * Shared by the build (default links) and the browser (visitor settings, token inputs).
 */

export const DEFAULT_EARLIEST = '-24h';
export const DEFAULT_LATEST = 'now';

export interface SplunkTarget {
  /** Splunk Web root, e.g. `https://splunk.example.com:8000` (a proxy prefix kept). Only http(s) is accepted. */
  base: string;
  app: string;
  /** Splunk Web's locale segment (`en-GB`); unset is `en-US`. */
  locale?: string | null;
}

export const DEFAULT_LOCALE = 'en-US';

/** What a pasted Splunk Web address says: its root, and the locale and app it was showing, if any. */
export interface ParsedSplunkUrl {
  base: string;
  locale: string | null;
  app: string | null;
}

const LOCALE = /^([a-z]{2})[-_]([a-z]{2})$/i;
// Splunk Web's own first path segments after the locale: a path that holds one of them is
// a page of Splunk Web, and only what comes before is its root (a reverse proxy's prefix).
const SPLUNK_ROUTES = new Set(['app', 'manager', 'account', 'search', 'help', 'splunkd']);

/**
 * Reads any address a visitor may paste from the Splunk address bar (`splunk.corp:8000`,
 * `https://splunk.corp:8000/en-GB/app/search/search?q=…`) into the root Splunk Web lives at,
 * its locale and app, so that a link built from it never doubles the path or the locale.
 * Null for anything that is not an http(s) address without credentials.
 */
export function parseSplunkUrl(input: string): ParsedSplunkUrl | null {
  let s = input.trim();
  if (!s || /\s/.test(s)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (scheme && /^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    if (!/^https?$/i.test(scheme[1]!)) return null;
  } else if (scheme && !/^[^/:]+:\d/.test(s)) {
    // `javascript:…`, `mailto:…`: a scheme, not a host and port.
    return null;
  } else {
    if (s.startsWith('/')) return null;
    // A bare host: Splunk Web on the visitor's own machine is plain http by default, anything else https.
    s = (/^(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/i.test(s) ? 'http://' : 'https://') + s;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
  if (u.username || u.password) return null;
  const segs = u.pathname.split('/').filter(Boolean);
  let root = segs.length;
  let locale: string | null = null;
  let app: string | null = null;
  const li = segs.findIndex((x) => LOCALE.test(x));
  const routeAt = (i: number) => i < segs.length && SPLUNK_ROUTES.has(segs[i]!.toLowerCase());
  if (li >= 0 && (li === segs.length - 1 || routeAt(li + 1))) {
    const m = LOCALE.exec(segs[li]!)!;
    locale = `${m[1]!.toLowerCase()}-${m[2]!.toUpperCase()}`;
    root = li;
  } else {
    const ai = segs.findIndex((x) => x.toLowerCase() === 'app');
    if (ai >= 0) root = ai;
  }
  if (segs[root + (locale ? 1 : 0)]?.toLowerCase() === 'app') {
    const id = segs[root + (locale ? 2 : 1)];
    if (id && /^[A-Za-z0-9_.-]{1,80}$/.test(id)) app = id;
  }
  const prefix = segs
    .slice(0, root)
    .map((x) => encodeURIComponent(decodeURIComponentSafe(x)))
    .join('/');
  return { base: `${u.origin}${prefix ? `/${prefix}` : ''}`, locale, app };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Returns the normalized root URL (no trailing slash, no locale or page), or null when it is not http(s). */
export function normalizeSplunkBase(input: string): string | null {
  return parseSplunkUrl(input)?.base ?? null;
}

/** The host a link opens, for its label ("Open in Splunk at splunk.corp.example"). */
export function splunkHost(base: string): string | null {
  const p = parseSplunkUrl(base);
  return p ? new URL(p.base).hostname : null;
}

/** Splunk app ids are word characters, dots and hyphens; anything else falls back to `search`. */
export function normalizeApp(app: string): string {
  const s = app.trim();
  return /^[A-Za-z0-9_.-]{1,80}$/.test(s) ? s : 'search';
}

/** A Splunk Web search URL; the base must be set (callers without one ask the visitor first). */
export function splunkSearchUrl(
  target: SplunkTarget,
  search: string,
  earliest = DEFAULT_EARLIEST,
  latest = DEFAULT_LATEST,
): string {
  const parsed = parseSplunkUrl(target.base);
  const base = parsed?.base ?? 'http://localhost:8000';
  const m = LOCALE.exec(target.locale ?? parsed?.locale ?? '');
  const locale = m ? `${m[1]!.toLowerCase()}-${m[2]!.toUpperCase()}` : DEFAULT_LOCALE;
  const params = new URLSearchParams({ q: search, earliest, latest });
  return `${base}/${locale}/app/${encodeURIComponent(normalizeApp(target.app))}/search?${params.toString()}`;
}

/**
 * Characters of a Try link's query (`q`, `earliest`, `latest`, encoded) at most. Longer
 * addresses are refused before Splunk sees them by common servers and proxies in front of it
 * (Apache's LimitRequestLine is 8,190 bytes, nginx's header buffers 8 KB); the rest of 8 KB is
 * left for the visitor's Splunk address, locale and app.
 */
export const MAX_TRY_QUERY = 7000;

/** Whether a search's Try link stays under MAX_TRY_QUERY. */
export function fitsTryUrl(search: string, earliest = DEFAULT_EARLIEST, latest = DEFAULT_LATEST): boolean {
  // Encoded length is at least the raw length: no need to encode what cannot fit.
  if (search.length > MAX_TRY_QUERY) return false;
  return tryQueryOverhead(earliest, latest) + formEncodedLength(search) <= MAX_TRY_QUERY;
}

/** What a Try link's query holds besides the encoded search: `q=`, `&earliest=…`, `&latest=…`. */
export function tryQueryOverhead(earliest = DEFAULT_EARLIEST, latest = DEFAULT_LATEST): number {
  return 'q=&earliest=&latest='.length + formEncodedLength(earliest) + formEncodedLength(latest);
}

/**
 * The length of `s` as URLSearchParams writes it (application/x-www-form-urlencoded: UTF-8,
 * `*-._` and alphanumerics as they are, a space as `+`, every other byte as `%XX`, a lone
 * surrogate as U+FFFD). Counted rather than encoded: a story's Try links are sized by adding
 * one search at a time, and encoding the growing whole each time was most of a rebuild.
 */
export function formEncodedLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x20 ||
      c === 0x2a ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f
    )
      n += 1;
    else if (c < 0x80) n += 3;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 12;
      i++;
    } else n += 9;
  }
  return n;
}

export interface TimeWindow {
  earliest: string;
  latest: string;
  /** Plain-language explanation for the page. */
  explain: string;
  /** True when the window comes from the notable (ES fills the tokens), so the link uses a default. */
  fromNotable: boolean;
}

/**
 * Turns drilldown offsets into a Splunk time range. `$info_min_time$`/`$info_max_time$` mean
 * "the time range of the notable": outside Enterprise Security the link falls back to 24 hours.
 */
export function drilldownWindow(earliest: string | null, latest: string | null): TimeWindow {
  const e = (earliest ?? '').trim();
  const l = (latest ?? '').trim();
  const notable = /\$info_min_time\$/.test(e) || /\$info_max_time\$/.test(l);
  if (notable || (!e && !l)) {
    return {
      earliest: DEFAULT_EARLIEST,
      latest: DEFAULT_LATEST,
      fromNotable: notable,
      explain: notable
        ? 'Runs over the time range of the notable or risk event that triggered it ($info_min_time$ to $info_max_time$). Outside Enterprise Security the link below uses the last 24 hours.'
        : 'No time window given; the link uses the last 24 hours.',
    };
  }
  const rel = (v: string, fallback: string) => {
    if (!v) return fallback;
    if (v === '0') return 'now';
    if (/^\d+[smhdwy]$/.test(v)) return `-${v}`;
    return v;
  };
  const er = rel(e, DEFAULT_EARLIEST);
  const lr = rel(l, DEFAULT_LATEST);
  return {
    earliest: er,
    latest: lr,
    fromNotable: false,
    explain: `Literal window: earliest ${e || '(default)'}${e && er !== e ? ` (${er})` : ''}, latest ${l || '(default)'}${l && lr !== l ? ` (${lr})` : ''}.`,
  };
}

/** A value typed by the visitor, quoted for SPL unless it is a plain word (host, user, IP, path). */
export function splValue(v: string): string {
  return /^[\w.@:\\/-]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Replaces `$token$` occurrences with visitor-supplied values; empty values leave the token. */
export function fillTokens(search: string, values: Record<string, string>): string {
  return search.replace(/\$([^\s$]+)\$/g, (m, name: string) => {
    const v = values[name]?.trim();
    return v ? splValue(v) : m;
  });
}
