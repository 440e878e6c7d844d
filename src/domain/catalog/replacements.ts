import type { Detection } from '../../content/model.ts';

/**
 * What replaces a deprecated (or removed) detection, from its own words. The format has no
 * field for it in the 2024 content (contentctl 5's `removed/deprecation_mapping*.YML` is not in
 * it), so the deprecation text is read: names in backticks or quotes, Splunk's saved-search form
 * of a name (`ESCU - <name> - Rule`), then any other detection's full name the text mentions.
 */

/** The name inside the saved-search form, or the text itself. */
export function unwrapSavedSearch(text: string): string {
  const m = /^\s*ESCU\s+-\s+(.+?)(?:\s+-\s+Rule)?\s*$/i.exec(text);
  return (m ? m[1] : text).trim();
}

/** Names the text quotes: in backticks, straight or curly double quotes. */
export function quotedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/`([^`\n]{3,160})`|"([^"\n]{3,160})"|“([^”\n]{3,160})”/g))
    out.push(unwrapSavedSearch(m[1] ?? m[2] ?? m[3]));
  return out;
}

const lc = (s: string) => s.trim().toLowerCase();
/** Names this short are words of prose as often as names ("Okta", "DNS Tunneling"). */
const MIN_PROSE_WORDS = 3;

// Each deprecated detection's text is matched against every candidate's name: normalizing the
// names once, not once per deprecated detection, and skipping a name unless each of its words is
// in the text, keeps that off the first dev request.
const WORD_GAP = /[^\p{L}\p{N}]+/u;
const proseNames = new WeakMap<Detection, { name: string; words: string[] } | null>();
/** `c`'s name as prose shows it (lower case, single spaces) and its words; null when too short to match in prose. */
function proseName(c: Detection): { name: string; words: string[] } | null {
  let n = proseNames.get(c);
  if (n === undefined) {
    const name = lc(c.name).replace(/\s+/g, ' ');
    n = name.split(' ').length < MIN_PROSE_WORDS ? null : { name, words: name.split(WORD_GAP).filter(Boolean) };
    proseNames.set(c, n);
  }
  return n;
}

/**
 * The detections `d`'s deprecation text names, best first: quoted names, then full names in
 * prose. Only detections that are not deprecated themselves, never `d`, at most `limit`.
 */
export function namedReplacements(
  d: Detection,
  byName: ReadonlyMap<string, Detection>,
  candidates: readonly Detection[],
  limit = 5,
): Detection[] {
  const text = [d.description, d.howToImplement ?? ''].join('\n');
  const found: Detection[] = [];
  const add = (t: Detection | undefined) => {
    if (t && t.id !== d.id && t.status !== 'deprecated' && !found.includes(t)) found.push(t);
  };
  for (const n of quotedNames(text)) add(byName.get(lc(n)));
  const hay = ` ${lc(text).replace(/\s+/g, ' ')} `;
  const hayWords = new Set(hay.split(WORD_GAP));
  for (const c of candidates) {
    if (found.length >= limit) break;
    const prose = proseName(c);
    if (prose === null || !prose.words.every((w) => hayWords.has(w))) continue;
    const { name } = prose;
    const at = hay.indexOf(name);
    // A whole name, not the start of a longer one ("… - Encoded Command" vs "… - Encoded Command Line").
    if (at > 0 && !/[\p{L}\p{N}]/u.test(hay[at - 1]) && !/[\p{L}\p{N}]/u.test(hay[at + name.length])) add(c);
  }
  return found.slice(0, limit);
}

/**
 * Production detections that could take over from `d` when it names none: each covers one of its
 * techniques; those that also read one of its data sources come first, then more shared
 * techniques, then more shared data sources. (Many old deprecated detections list no data
 * source, so sharing one cannot be required.)
 */
export function possibleReplacements(
  d: Detection,
  byTechnique: ReadonlyMap<string, readonly Detection[]>,
  limit = 5,
): Detection[] {
  const sources = new Set(d.dataSources);
  const score = new Map<Detection, { techniques: number; sources: number }>();
  for (const t of d.mitreIds)
    for (const o of byTechnique.get(t) ?? []) {
      if (o.id === d.id || o.status !== 'production') continue;
      const s = score.get(o) ?? { techniques: 0, sources: o.dataSources.filter((x) => sources.has(x)).length };
      s.techniques++;
      score.set(o, s);
    }
  return [...score]
    .sort(
      ([a, x], [b, y]) =>
        Number(y.sources > 0) - Number(x.sources > 0) ||
        y.techniques - x.techniques ||
        y.sources - x.sources ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit)
    .map(([o]) => o);
}
