import { safeSegment } from '../../content/segment.ts';
import { basePath } from '../../lib/base-path.ts';

/**
 * Every internal path of the site, in one place. Paths are returned without the base and
 * without a leading slash; `href()` adds the configured base and encodes each segment.
 */

/** Set by astro.config.mjs (`vite.define`) to the settings' BASE_PATH; absent under plain Node. */
declare const __CATALOG_BASE__: string | undefined;

/**
 * The default base of `href()`: the settings' BASE_PATH, compiled in by Vite (a define, so no
 * variable of the build's environment can stand in for it). This module also runs in the
 * browser, where scripts pass the base they read from the page, and under plain Node with
 * astro.config.mjs, where every caller passes its base too.
 */
export const BASE: string = basePath(typeof __CATALOG_BASE__ === 'undefined' ? undefined : __CATALOG_BASE__);

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
  // Site paths put a query or fragment only after a `/` (`explore/?q=…`, `detections/#web`): a
  // `?` or `#` anywhere else belongs to a name and is encoded with its segment.
  const rest = path.replace(/^\//, '');
  const h = rest.search(/(?:^|\/)#/);
  const beforeHash = h < 0 ? rest : rest.slice(0, rest.indexOf('#', h));
  const hash = h < 0 ? '' : rest.slice(beforeHash.length + 1);
  const q = beforeHash.search(/(?:^|\/)\?/);
  const pathname = q < 0 ? beforeHash : beforeHash.slice(0, beforeHash.indexOf('?', q));
  const query = q < 0 ? '' : beforeHash.slice(pathname.length + 1);
  const encoded = pathname
    .split('/')
    .map((seg) =>
      seg
        ? encodeURIComponent(seg).replace(/%2B/g, '+').replace(/%40/g, '@').replace(/%28/g, '(').replace(/%29/g, ')')
        : seg,
    )
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
  /** The CSV download, inside the lookup's own folder (its name decided when loading). */
  lookupFile: (l: { slug: string; download: { file: string } }) => `lookups/${l.slug}/${l.download.file}`,
  dataSource: (d: { id: string }) => `sources/${d.id}/`,
  baseline: (b: { id: string }) => `baselines/${b.id}/`,
  investigation: (i: { id: string }) => `investigations/${i.id}/`,
  playbook: (p: { slug: string }) => `playbooks/${p.slug}/`,
  // Only a well-formed id becomes path segments; callers link only when techniquePath() is not null.
  technique: (id: string) => techniquePath(id) ?? `techniques/${safeSegment(id)}/`,
  techniqueLayer: (id: string) => `${techniquePath(id) ?? `techniques/${safeSegment(id)}/`}layer.json`,
  /** The static filtered matrices (`attack/type/TTP/`); '' for the full one. */
  matrix: (filter: '' | `${'type' | 'status'}/${string}`) => `attack/${filter ? `${filter}/` : ''}`,
  /** Layers of the filtered matrices (`attack/type/TTP/layer.json`); '' for the whole catalog's. */
  matrixLayer: (filter: '' | `${'type' | 'status'}/${string}`) => `attack/${filter ? `${filter}/` : ''}layer.json`,
  tactic: (id: string) => `tactics/${id.toUpperCase()}/`,
  explore: (q?: string) => (q ? `explore/?q=${encodeURIComponent(q)}` : 'explore/'),
  folder: (folder: string) => `detections/#${folder}`,
  releases: () => 'releases/',
  // Tags reach a page only when releaseTagOk() holds (src/content/git-history.ts keeps no other).
  release: (tag: string) => `releases/${safeSegment(tag)}/`,
  releasesFeed: () => 'releases/feed.xml',
};

/** A release tag that can be a URL segment and a file name: what version tags are made of. */
export const releaseTagOk = (tag: string): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(tag) && !tag.includes('..');

/** A commit's page on the content repository (GitHub's `/commit/<hash>`), for a full hash only. */
export function commitUrl(repoUrl: string, commit: string): string | null {
  if (!/^[0-9a-f]{40}$/.test(commit)) return null;
  return safeExternalUrl(`${repoUrl.replace(/\/+$/, '')}/commit/${commit}`);
}

/** A content file's page on the repository (GitHub's `/blob/<branch>/<path>`), each segment encoded. */
export function sourceFileUrl(repoUrl: string, branch: string, filePath: string): string | null {
  const path = filePath.split('/').map(encodeURIComponent).join('/');
  return safeExternalUrl(`${repoUrl.replace(/\/+$/, '')}/blob/${encodeURIComponent(branch)}/${path}`);
}

/** GitHub's new-issue form with the title and body filled in (both encoded as query values). */
export function newIssueUrl(repoUrl: string, title: string, body: string): string | null {
  return safeExternalUrl(
    `${repoUrl.replace(/\/+$/, '')}/issues/new?${new URLSearchParams({ title, body }).toString()}`,
  );
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** The page of an ATT&CK id (`T1059`, `t1059.001`), or null when it is malformed and must stay text. */
export function techniquePath(id: string): string | null {
  const t = id.trim().toUpperCase();
  return TECHNIQUE_ID.test(t) ? `techniques/${t.replace('.', '/')}/` : null;
}

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
