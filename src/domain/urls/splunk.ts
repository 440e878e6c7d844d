/**
 * "Try in Splunk" links: a search opened in the visitor's own Splunk Web, prefilled.
 * Shared by the build (default links) and the browser (visitor settings, token inputs).
 */

export const DEFAULT_EARLIEST = '-24h';
export const DEFAULT_LATEST = 'now';

export interface SplunkTarget {
  /** Splunk Web root, e.g. `https://splunk.example.com:8000`. Only http(s) is accepted. */
  base: string;
  app: string;
}

/** Returns the normalized base URL (no trailing slash), or null when it is not http(s). */
export function normalizeSplunkBase(input: string): string | null {
  const s = input.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Splunk app ids are word characters, dots and hyphens; anything else falls back to `search`. */
export function normalizeApp(app: string): string {
  const s = app.trim();
  return /^[A-Za-z0-9_.-]{1,80}$/.test(s) ? s : 'search';
}

export function splunkSearchUrl(
  target: SplunkTarget,
  search: string,
  earliest = DEFAULT_EARLIEST,
  latest = DEFAULT_LATEST,
): string {
  const base = normalizeSplunkBase(target.base) ?? 'http://localhost:8000';
  const params = new URLSearchParams({ q: search, earliest, latest });
  return `${base}/en-US/app/${encodeURIComponent(normalizeApp(target.app))}/search?${params.toString()}`;
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
