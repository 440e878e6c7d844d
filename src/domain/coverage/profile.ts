/**
 * The visitor's data profile: a set of data-source ids, kept in localStorage, exported and
 * imported as JSON and shared as `?sources=<id>,<id>`. Everything read back (storage, a link,
 * a file) is untrusted: capped in size, and only ids of known data sources are kept.
 */

import { STORAGE_KEY } from './key.ts';

export { STORAGE_KEY };
export const PROFILE_KIND = 'detection-catalog/my-data';
/** More than any real catalog has data sources; a larger list is refused, not truncated. */
export const MAX_PROFILE_SOURCES = 5000;
/** Longest text read as a profile or a `sources` parameter. */
export const MAX_PROFILE_CHARS = 400_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface Profile {
  kind: typeof PROFILE_KIND;
  v: 1;
  /** Data-source ids, sorted. */
  sources: string[];
  /** When it was last changed (ISO), for the export. */
  updated: string;
}

export function makeProfile(ids: Iterable<string>, updated = new Date().toISOString()): Profile {
  return { kind: PROFILE_KIND, v: 1, sources: [...new Set(ids)].sort(), updated };
}

/** Well-formed ids, or null when the list is not a list of ids or is too long. */
function idList(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > MAX_PROFILE_SOURCES) return null;
  if (!v.every((x) => typeof x === 'string' && ID.test(x))) return null;
  return v as string[];
}

/**
 * Reads a profile from JSON text (storage or an imported file). `known`, when given, keeps only
 * those ids and reports how many were dropped.
 */
export function parseProfile(
  text: string | null | undefined,
  known?: ReadonlySet<string>,
): { profile: Profile; dropped: number } | null {
  if (!text || text.length > MAX_PROFILE_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (o.kind !== PROFILE_KIND) return null;
  const ids = idList(o.sources);
  if (!ids) return null;
  const kept = known ? ids.filter((id) => known.has(id)) : ids;
  const updated = typeof o.updated === 'string' && /^[\d:.TZ+-]{10,40}$/.test(o.updated) ? o.updated : '';
  return { profile: makeProfile(kept, updated), dropped: ids.length - kept.length };
}

/** The ids of a `sources` URL parameter (comma-separated), known ones only; null when absent or malformed. */
export function parseSourcesParam(
  value: string | null,
  known: ReadonlySet<string>,
): { ids: string[]; dropped: number } | null {
  if (value === null || value.length > MAX_PROFILE_CHARS) return null;
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length > MAX_PROFILE_SOURCES || !parts.every((p) => ID.test(p))) return null;
  const ids = [...new Set(parts)].filter((id) => known.has(id));
  return { ids, dropped: new Set(parts).size - ids.length };
}

/** The share link's query: `sources=` with each id encoded. */
export function sourcesQuery(ids: readonly string[]): string {
  return `sources=${ids.map(encodeURIComponent).join(',')}`;
}
