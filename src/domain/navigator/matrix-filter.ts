/**
 * The matrix's filters (detection type, status, analytic story) and how they combine: the
 * data file the browser filters (`attack/filter.json`), the rows a filter keeps, and the URL of
 * a filter. Used by the build and by src/client/matrix-filter.ts.
 */
import { paths } from '../urls/index.ts';

export const MATRIX_TYPES = ['TTP', 'Anomaly', 'Hunting', 'Correlation'] as const;
export const MATRIX_STATUSES = ['production', 'experimental', 'deprecated'] as const;

export interface MatrixFilter {
  type?: string;
  status?: string;
  /** A story's slug. */
  story?: string;
}

/** One detection: name, type, status, indices into `stories`, ATT&CK ids as mapped. */
export type FilterRow = [name: string, type: string, status: string, stories: number[], mitreIds: string[]];

export interface MatrixFilterData {
  v: 1;
  /** Story slugs, indexed by the rows. */
  stories: string[];
  rows: FilterRow[];
}

interface Mapped {
  name: string;
  type: string;
  status: string;
  stories: readonly string[];
  mitreIds: readonly string[];
}

/** The data file: every detection the full matrix counts, with what the filters ask of it. */
export function matrixFilterData(
  detections: readonly Mapped[],
  storySlug: (storyName: string) => string | null,
): MatrixFilterData {
  const stories: string[] = [];
  const index = new Map<string, number>();
  const storyIndex = (name: string) => {
    const slug = storySlug(name);
    if (slug === null) return null;
    let i = index.get(slug);
    if (i === undefined) index.set(slug, (i = stories.push(slug) - 1));
    return i;
  };
  const rows = detections.map((d): FilterRow => {
    const ix = d.stories.map(storyIndex).filter((i): i is number => i !== null);
    return [d.name, d.type, d.status, [...new Set(ix)].sort((a, b) => a - b), [...d.mitreIds]];
  });
  return { v: 1, stories, rows };
}

/** The detections a filter keeps, as counting and layers need them. */
export function selectRows(data: MatrixFilterData, f: MatrixFilter): { name: string; mitreIds: string[] }[] {
  const story = f.story ? data.stories.indexOf(f.story) : -1;
  if (f.story && story < 0) return [];
  return data.rows
    .filter(
      ([, type, status, stories]) =>
        (!f.type || type === f.type) && (!f.status || status === f.status) && (!f.story || stories.includes(story)),
    )
    .map(([name, , , , mitreIds]) => ({ name, mitreIds }));
}

const known = (v: string | null | undefined, list: readonly string[]) => (v && list.includes(v) ? v : undefined);
// A slug is only looked up among the stories' (src/client/matrix-filter.ts ignores others).
const slugOk = (v: string | null | undefined) => (v && v.length <= 200 ? v : undefined);

/**
 * The filter a page shows: the page's own (a static type or status matrix) with the query's
 * `type`, `status` and `story` on top. Unknown values are ignored.
 */
export function filterFromQuery(query: URLSearchParams, page: MatrixFilter = {}): MatrixFilter {
  const f: MatrixFilter = {
    type: known(query.get('type'), MATRIX_TYPES) ?? page.type,
    status: known(query.get('status'), MATRIX_STATUSES) ?? page.status,
    story: slugOk(query.get('story')) ?? page.story,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as MatrixFilter;
}

/** The filter a static matrix's address stands for (`…/attack/type/TTP/`); {} for any other. */
export function filterFromPath(pathname: string): MatrixFilter {
  const m = /\/attack\/(type|status)\/([^/]+)\/$/.exec(pathname);
  if (!m) return {};
  const value = m[2];
  if (m[1] === 'type') return known(value, MATRIX_TYPES) ? { type: value } : {};
  return known(value, MATRIX_STATUSES) ? { status: value } : {};
}

export const sameFilter = (a: MatrixFilter, b: MatrixFilter) =>
  (a.type ?? '') === (b.type ?? '') && (a.status ?? '') === (b.status ?? '') && (a.story ?? '') === (b.story ?? '');

/**
 * The site path showing a filter: a type or status alone has its own static matrix (which
 * works without JavaScript); every other combination is the full matrix with a query.
 */
export function filterPath(f: MatrixFilter): string {
  if (f.type && !f.status && !f.story) return paths.matrix(`type/${f.type}`);
  if (f.status && !f.type && !f.story) return paths.matrix(`status/${f.status}`);
  const q = new URLSearchParams();
  if (f.type) q.set('type', f.type);
  if (f.status) q.set('status', f.status);
  if (f.story) q.set('story', f.story);
  const s = q.toString();
  return s ? `attack/?${s}` : 'attack/';
}

/**
 * The static layer file of a filter, when the build wrote one (the whole catalog, one type,
 * one status, one story); null for a combination, whose layer the browser makes.
 */
export function staticLayerPath(f: MatrixFilter): string | null {
  const n = [f.type, f.status, f.story].filter(Boolean).length;
  if (n === 0) return paths.matrixLayer('');
  if (n > 1) return null;
  if (f.type) return paths.matrixLayer(`type/${f.type}`);
  if (f.status) return paths.matrixLayer(`status/${f.status}`);
  return paths.storyLayer({ slug: f.story! });
}

/** What a filter shows, in words: "TTP, production detections of the story “X”". */
export function describeFilter(f: MatrixFilter, storyName?: string): string {
  const kinds = [f.type, f.status].filter(Boolean).join(', ');
  const story = f.story ? ` of the story “${storyName ?? f.story}”` : '';
  return `${kinds ? `${kinds} detections` : 'Detections'}${story}`;
}
