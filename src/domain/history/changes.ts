/**
 * What a new version of a file changed, in words a history list can show. The vocabulary is
 * fixed so that pages, filters and release notes agree on it.
 */
export const CHANGE_WORDS = [
  'search',
  'description',
  'attack',
  'rba',
  'status',
  'data sources',
  'drilldowns',
  'how to implement',
  'known false positives',
  'references',
  'tests',
  'other',
  'moved',
] as const;

export type ChangeWord = (typeof CHANGE_WORDS)[number];

/**
 * Keys that change with every edit and are shown as the entry's own version and date; a change
 * to them alone is no change of content.
 */
const IGNORED = new Set(['version', 'date', 'creation_date', 'modification_date']);

/**
 * Top-level keys by word, across the three generations (docs/content-format.md §3, and its
 * ESCU 6 table): ESCU 6 moved the ATT&CK ids to the top and put risk in `finding` and
 * `threat_objects`. A macro's `definition` is its SPL, so it counts as the search.
 */
const TOP: Record<string, ChangeWord> = {
  search: 'search',
  definition: 'search',
  description: 'description',
  mitre_attack_id: 'attack',
  rba: 'rba',
  finding: 'rba',
  threat_objects: 'rba',
  status: 'status',
  data_source: 'data sources',
  // Two 2024 detections spell it so (docs/content-format.md §3.1).
  data_sources: 'data sources',
  drilldown_searches: 'drilldowns',
  how_to_implement: 'how to implement',
  known_false_positives: 'known false positives',
  references: 'references',
  tests: 'tests',
};

/** Keys under `tags`: the old risk inputs (src/content/rba.ts) and the ATT&CK ids. */
const TAGS: Record<string, ChangeWord> = {
  mitre_attack_id: 'attack',
  risk_score: 'rba',
  confidence: 'rba',
  impact: 'rba',
  observable: 'rba',
  message: 'rba',
  risk_objects: 'rba',
  threat_objects: 'rba',
};

/**
 * The words for what differs between two versions' parsed YAML, in vocabulary order; `moved`
 * when the file's path changed. An added file (`prev` null) changed nothing yet: []. Values are
 * compared as data, so key order and YAML style do not count; strings with their ends trimmed
 * and line ends as LF, because a block scalar's chomping or a trailing newline is not shown.
 * Lists keep their order: a reordered list is an edit the page shows in file order.
 */
export function changedFields(
  prev: Record<string, unknown> | null,
  next: Record<string, unknown>,
  paths?: { from: string; to: string },
): ChangeWord[] {
  const found = new Set<ChangeWord>();
  if (prev) {
    for (const key of union(prev, next)) {
      if (IGNORED.has(key)) continue;
      if (key === 'tags' && isRecord(prev.tags ?? {}) && isRecord(next.tags ?? {})) {
        const a = (prev.tags ?? {}) as Record<string, unknown>;
        const b = (next.tags ?? {}) as Record<string, unknown>;
        for (const tag of union(a, b)) if (!same(a[tag], b[tag])) found.add(TAGS[tag] ?? 'other');
        continue;
      }
      if (!same(prev[key], next[key])) found.add(TOP[key] ?? 'other');
    }
  }
  if (paths && paths.from !== paths.to) found.add('moved');
  return CHANGE_WORDS.filter((w) => found.has(w));
}

function union(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of plain data; a missing key equals an explicit null (YAML `key:` and no key read alike). */
export function same(a: unknown, b: unknown): boolean {
  // Most values of two versions are the very same string: no need to normalize them.
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'string' && typeof b === 'string') return text(a) === text(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) return union(a, b).every((k) => same(a[k], b[k]));
  return a === b;
}

const text = (s: string) => s.replace(/\r\n?/g, '\n').trim();
