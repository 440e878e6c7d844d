import type { Detection, Macro } from '../content/model.ts';
import {
  allSearchesText,
  appendedPartMeasure,
  appendSearches,
  APPEND_JOIN,
  macroTrySearch,
  MACRO_PREVIEW_EARLIEST,
} from '../domain/spl/try.ts';
import { formEncodedLength, MAX_TRY_QUERY, tryQueryOverhead } from '../domain/urls/splunk.ts';
import { MAX_SHOWN_CODE } from '../domain/lint/bounds.ts';
import { searchVariants, type MacroTable, type SearchVariants } from './detection.ts';

/** One Try link of a story: some of its detections' searches appended into one. */
export interface TryPart {
  names: string[];
  variants: SearchVariants;
}

export interface StoryTry {
  /** Every link stays under the URL budget; one part when the whole story fits. */
  parts: TryPart[];
  /** Detections not run from the story: their search writes, deletes, sends or hides characters (their page says which), or is too large. */
  leftOut: string[];
  /** Every search (deprecated detections' excepted), each after a comment naming its detection; null past the size cap. */
  allSearches: string | null;
  /** How many searches `allSearches` holds. */
  searchCount: number;
}

const combine = (vs: SearchVariants[], names: string[]): SearchVariants => {
  const each = (pick: (v: SearchVariants) => string) =>
    appendSearches(vs.map((v, i) => ({ name: names[i]!, search: pick(v) })));
  return {
    raw: each((v) => v.raw),
    expanded: each((v) => v.expanded),
    expandedKeepFilter: each((v) => v.expandedKeepFilter),
    unknownMacros: [...new Set(vs.flatMap((v) => v.unknownMacros))].sort(),
    note: null,
    tooLarge: false,
  };
};

const VARIANTS = ['raw', 'expanded', 'expandedKeepFilter'] as const;

/** Each search's encoded length, once: a detection's searches are sized by each of its stories. */
const encodedLengths = new WeakMap<SearchVariants, Partial<Record<(typeof VARIANTS)[number], number>>>();
function encodedOnce(v: SearchVariants, k: (typeof VARIANTS)[number], trimmed: string): number {
  let known = encodedLengths.get(v);
  if (!known) encodedLengths.set(v, (known = {}));
  return (known[k] ??= formEncodedLength(trimmed));
}

/**
 * A story's Try in Splunk: its detections' searches as one search (`| append [ … ]`,
 * src/domain/spl/try.ts), in as few links as stay under the URL budget (most stories fit one;
 * the largest need several). One link per detection would repeat every search in the page
 * several times over (the link and the three variants the visitor's settings choose from) for
 * what each detection's own page already offers.
 */
/** What a story's Try links are made of, of each of its detections. */
export type StorySearch = Pick<Detection, 'name' | 'status' | 'search'>;

export function storyTry(detections: readonly StorySearch[], table: MacroTable): StoryTry {
  const live = detections.filter((d) => d.status !== 'deprecated');
  const parts: TryPart[] = [];
  const leftOut: string[] = [];
  let names: string[] = [];
  let vs: SearchVariants[] = [];
  // Each variant's link length so far, counted part by part (the joined whole is the parts'
  // lengths and the joins'), so a story is sized without building every prefix of its search.
  const budget = MAX_TRY_QUERY - tryQueryOverhead();
  const join = formEncodedLength(APPEND_JOIN);
  const partLength = (v: SearchVariants, name: string, first: boolean) =>
    VARIANTS.map((k) =>
      appendedPartMeasure({ name, search: v[k] }, first, formEncodedLength, (s) => encodedOnce(v, k, s)),
    );
  let used = [0, 0, 0];
  for (const d of live) {
    const v = searchVariants(d.search, table);
    if (v.note || v.tooLarge || d.search.length > MAX_SHOWN_CODE) {
      leftOut.push(d.name);
      continue;
    }
    if (vs.length > 0) {
      const more = partLength(v, d.name, false).map((n, i) => used[i]! + join + n);
      if (more.every((n) => n <= budget)) used = more;
      else {
        parts.push({ names, variants: combine(vs, names) });
        names = [];
        vs = [];
      }
    }
    if (vs.length === 0) used = partLength(v, d.name, true);
    names.push(d.name);
    vs.push(v);
  }
  if (vs.length > 0) parts.push({ names, variants: combine(vs, names) });
  const text = allSearchesText(live.map((d) => ({ name: d.name, search: d.search })));
  return {
    parts,
    leftOut,
    allSearches: live.length && text.length <= MAX_SHOWN_CODE ? text : null,
    searchCount: live.length,
  };
}

export interface MacroTry {
  variants: SearchVariants;
  earliest: string;
}

/** A macro's Try link, when running it alone shows something (`macroTrySearch`). */
export function macroTry(macro: Macro, table: MacroTable): MacroTry | null {
  const search = macroTrySearch(macro);
  return search ? { variants: searchVariants(search, table), earliest: MACRO_PREVIEW_EARLIEST } : null;
}
