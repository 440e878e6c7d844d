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

const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * A candidate's name as prose would hold it, with its words; null when it is too short to tell
 * from prose. Kept per detection: every deprecated and removed detection scans all names.
 */
const proseNames = new WeakMap<Detection, { name: string; words: string[] } | null>();
function proseName(c: Detection): { name: string; words: string[] } | null {
  let p = proseNames.get(c);
  if (p === undefined) {
    const name = lc(c.name).replace(/\s+/g, ' ');
    p = name.split(' ').length < MIN_PROSE_WORDS ? null : { name, words: words(name) };
    proseNames.set(c, p);
  }
  return p;
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
  const hayWords = new Set(words(hay));
  for (const c of candidates) {
    if (found.length >= limit) break;
    const p = proseName(c);
    // Every word of a name the text holds is a word of the text: most names fail that at once.
    if (!p || !p.words.every((w) => hayWords.has(w))) continue;
    const { name } = p;
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
