/**
 * Every internal path of the site, in one place. Paths are returned without the base and
 * without a leading slash; `href()` adds the configured base and encodes each segment.
 */

/** `BASE_PATH` normalized to `/`, `/catalog/`, …: the one rule astro.config.mjs and every href share. */
export function basePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export const BASE: string = basePath(typeof process === 'undefined' ? undefined : process.env.BASE_PATH);

const memo = new Map<string, Map<string, string>>();

/**
 * Joins the base path and a site path made of raw (unencoded) segments. Memoized per base:
 * pages link the same few thousand paths hundreds of thousands of times per build.
 */
export function href(path: string, base: string = BASE): string {
  let forBase = memo.get(base);
  if (!forBase) memo.set(base, (forBase = new Map()));
  let out = forBase.get(path);
  if (out === undefined) {
    if (forBase.size > 100_000) forBase.clear();
    forBase.set(path, (out = joinHref(path, base)));
  }
  return out;
}

function joinHref(path: string, base: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  if (path === '' || path === '/') return b;
  const [p, hash = ''] = path.replace(/^\//, '').split('#');
  const [pathname, query = ''] = p.split('?');
  const encoded = pathname
    .split('/')
    .map((seg) => (seg ? encodeURIComponent(seg).replace(/%2B/g, '+').replace(/%40/g, '@').replace(/%28/g, '(').replace(/%29/g, ')') : seg))
    .join('/');
  return `${b}${encoded}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
}

export const paths = {
  detection: (d: { folder: string; id: string }) => `${d.folder}/${d.id}/`,
  story: (s: { slug: string }) => `stories/${s.slug}/`,
  storyLayer: (s: { slug: string }) => `stories/${s.slug}/layer.json`,
  storyMatrix: (s: { slug: string }) => `attack/story/${s.slug}/`,
  macro: (m: { slug: string }) => `macros/${m.slug}/`,
  lookup: (l: { slug: string }) => `lookups/${l.slug}/`,
  dataSource: (d: { id: string }) => `sources/${d.id}/`,
  baseline: (b: { id: string }) => `baselines/${b.id}/`,
  investigation: (i: { id: string }) => `investigations/${i.id}/`,
  playbook: (p: { slug: string }) => `playbooks/${p.slug}/`,
  technique: (id: string) => `techniques/${id.toUpperCase().replace('.', '/')}/`,
  tactic: (id: string) => `tactics/${id.toUpperCase()}/`,
  explore: (q?: string) => (q ? `explore/?q=${encodeURIComponent(q)}` : 'explore/'),
  folder: (folder: string) => `detections/#${folder}`,
};

/** Only http(s) URLs may become links; anything else from content is shown as text. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const s = url.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
