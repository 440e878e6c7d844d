/**
 * Query understanding: turns what a visitor types into exact filters (technique ids, CVEs,
 * `field:` prefixes, quoted phrases) and the free text left for fuzzy matching.
 */

export type Prefix = 'story' | 'tactic' | 'technique' | 'ds' | 'type' | 'status' | 'cve' | 'folder' | 'id' | 'spl';

export interface ParsedQuery {
  /** Upper-cased technique ids, e.g. T1204 or T1204.002. */
  techniques: string[];
  cves: string[];
  /** Lower-cased phrases that must appear. */
  phrases: string[];
  /** `exact`: the value was quoted, so it must equal a value, not appear inside one. */
  prefixes: { key: Prefix; value: string; exact?: boolean }[];
  /** Words shaped like an ATT&CK id that no id can be (`T1204x`, `T12045`): they match nothing. */
  badTechniques: string[];
  /** What remains for fuzzy search, trimmed. */
  text: string;
  /** The whole query as typed, trimmed, for exact story-name matching. */
  raw: string;
}

const PREFIXES: Record<string, Prefix> = {
  story: 'story',
  stories: 'story',
  tactic: 'tactic',
  technique: 'technique',
  t: 'technique',
  mitre: 'technique',
  ds: 'ds',
  source: 'ds',
  datasource: 'ds',
  data_source: 'ds',
  type: 'type',
  status: 'status',
  cve: 'cve',
  folder: 'folder',
  kind: 'folder',
  id: 'id',
  spl: 'spl',
};

export const TECHNIQUE_RE = /^T\d{4}(?:\.\d{3})?$/i;
export const CVE_RE = /^CVE-\d{4}-\d{4,}$/i;

export function parseQuery(input: string): ParsedQuery {
  const out: ParsedQuery = {
    techniques: [],
    cves: [],
    phrases: [],
    prefixes: [],
    badTechniques: [],
    text: '',
    raw: input.trim(),
  };
  const rest: string[] = [];
  // Tokens: key:"quoted value", key:value, "quoted phrase", or a bare word.
  const re = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"?|(\S+)/g;
  for (const m of input.matchAll(re)) {
    const [, qk, qv, k, v, phrase, word] = m;
    const key = (qk ?? k)?.toLowerCase();
    const value = (qv ?? v)?.trim();
    if (key && value !== undefined) {
      const p = PREFIXES[key];
      if (p) {
        if (value) out.prefixes.push(qv !== undefined ? { key: p, value, exact: true } : { key: p, value });
        continue;
      }
      rest.push(m[0]);
      continue;
    }
    if (phrase !== undefined) {
      if (phrase.trim()) out.phrases.push(phrase.trim().toLowerCase());
      continue;
    }
    if (word) {
      if (TECHNIQUE_RE.test(word)) out.techniques.push(word.toUpperCase());
      else if (CVE_RE.test(word)) out.cves.push(word.toUpperCase());
      else if (isBadTechnique(word)) out.badTechniques.push(word.toUpperCase());
      else rest.push(word);
    }
  }
  out.text = rest.join(' ').trim();
  return out;
}

/**
 * A word that starts like an ATT&CK id but cannot be one. A sub-technique still being typed
 * (`T1204.`, `T1204.0`) is not bad: it stays free text, matched by prefix.
 */
export function isBadTechnique(word: string): boolean {
  return /^T\d{4}/i.test(word) && !TECHNIQUE_RE.test(word) && !/^T\d{4}\.\d{0,2}$/i.test(word);
}

/** True when a detection's ids match the technique asked for (a parent also matches its subs). */
export function matchesTechnique(ids: readonly string[], wanted: string): boolean {
  const w = wanted.toUpperCase();
  return ids.some((id) => id === w || (!w.includes('.') && id.startsWith(`${w}.`)));
}
