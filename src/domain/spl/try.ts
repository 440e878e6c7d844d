/**
 * What a story or macro page opens in Splunk. Detection pages run their own search; a story
 * and a macro have none of their own, so these decide which search stands for them.
 */

/** Splunk's generating commands that can start a search after a leading pipe. */
const GENERATING = new Set([
  'datamodel',
  'dbinspect',
  'eventcount',
  'from',
  'inputcsv',
  'inputlookup',
  'loadjob',
  'makeresults',
  'metadata',
  'metasearch',
  'mstats',
  'rest',
  'search',
  'tstats',
]);

// A base-search term that selects events: `index=`, `sourcetype=`, `source=`, `eventtype=`,
// at the start, after a space or an opening parenthesis (not `Processes.source=` or a value).
const SELECTS_EVENTS = /(?:^|[\s(])(?:index|sourcetype|source|eventtype)\s*(?:=|!=|\s+IN\s*\()/i;

/** A macro preview's time range: a source macro can match millions of events a day. */
export const MACRO_PREVIEW_EARLIEST = '-15m';
/** Events a macro preview returns at most. */
export const MACRO_PREVIEW_ROWS = 100;

/**
 * The search a macro's Try link runs, or null when running the macro alone shows nothing
 * useful. `| makeresults | search <definition>` tests a filter against one empty event, which
 * says nothing; what a reader wants to see is what the macro selects. So only a macro that can
 * start a search is run, as itself, over a short window and a few events: one that selects
 * events (`sourcetype=… source=…`, the data-source macros most detections begin with) or one
 * that starts with a generating command (`| inputlookup …`, `| tstats …`). Filters on fields
 * (`user IN (…)`, `Processes.process_name=…`), time bounds (`"-70m@m"`), tstats options and
 * post-processing commands (`eval`, `lookup`, `rename`) only make sense inside a search, and a
 * macro with arguments needs values the page cannot guess.
 */
export function macroTrySearch(m: { name: string; definition: string; arguments: readonly string[] }): string | null {
  if (m.arguments.length > 0) return null;
  const def = m.definition.trim();
  if (!def) return null;
  const piped = /^\|\s*([A-Za-z_]+)/.exec(def);
  const runnable = piped ? GENERATING.has(piped[1]!.toLowerCase()) : SELECTS_EVENTS.test(def);
  return runnable ? `\`${m.name}\` | head ${MACRO_PREVIEW_ROWS}` : null;
}

export interface NamedSearch {
  name: string;
  search: string;
}

/** A detection name as the text of an SPL comment (``` ```…``` ```), which a backtick run would end. */
const commentText = (name: string) => name.replace(/`+/g, "'").replace(/\s+/g, ' ').trim();

/** Every search, each after a comment line naming its detection, for a file or an editor. */
export function allSearchesText(items: readonly NamedSearch[]): string {
  return items.map((i) => `\`\`\`${commentText(i.name)}\`\`\`\n${i.search.trim()}\n`).join('\n');
}

/** A value inside double quotes in SPL. */
const splString = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

/**
 * The searches as one: the first as the base, each next one in `| append [ … ]`, every result
 * tagged with its detection's name (`detection` field) so mixed rows can be told apart. A
 * search that starts with a command keeps its pipe; one that starts with terms gets `search`,
 * as a subsearch needs. `append` rather than `multisearch`: multisearch takes only streaming
 * searches, and most detections end in `stats` or start with `tstats`.
 */
export function appendSearches(items: readonly NamedSearch[]): string {
  return items.map((item, i) => appendedPart(item, i === 0)).join(APPEND_JOIN);
}

/** What `appendSearches` joins its parts with. */
export const APPEND_JOIN = '\n';

/** One search's part of `appendSearches`: the first runs as it is, the others are appended. */
export function appendedPart({ name, search }: NamedSearch, first: boolean): string {
  const s = search.trim();
  const { open, tag, close } = partPieces(name, s, first);
  return `${open}${s}${tag}${close}`;
}

/**
 * `measure(appendedPart(item, first))` for a measure that adds up over the text (a character
 * count, an encoded length), with the search itself measured by `searchMeasure`, which a
 * caller can remember: a story sizes each of its searches as a first part and as an appended one.
 */
export function appendedPartMeasure(
  { name, search }: NamedSearch,
  first: boolean,
  measure: (s: string) => number,
  searchMeasure: (trimmed: string) => number = measure,
): number {
  const s = search.trim();
  const { open, tag, close } = partPieces(name, s, first);
  return measure(open) + searchMeasure(s) + measure(tag) + measure(close);
}

/** What `appendedPart` writes around the search. */
function partPieces(name: string, s: string, first: boolean) {
  const tag = `\n| eval detection=${splString(name)}`;
  if (first) return { open: '', tag, close: '' };
  return { open: s.startsWith('|') ? '| append [ ' : '| append [ search ', tag, close: ' ]' };
}
