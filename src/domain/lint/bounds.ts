import type { KindLists } from '../../content/kinds.ts';
import type { Problem } from '../../content/problems.ts';
import { expandMacros, type MacroDef } from '../spl/expand.ts';

/**
 * Caps on what one file can make the build do or write. Content that is valid but too large to
 * show completely is still published, cut, with a visible note on its page and a warning here;
 * the caps sit far above the corpus so no real page changes.
 */

/** Text shown on an entry's own page (description, narrative…), in characters. */
export const MAX_PAGE_TEXT = 512 * 1024;
/**
 * Code shown in a block (a search, a macro definition, an example event): highlighted code is
 * about twelve times its length in HTML. The corpus's largest (an example event) is well below it.
 */
export const MAX_SHOWN_CODE = 128 * 1024;
/** Raw YAML shown in a page's source section. */
export const MAX_SHOWN_SOURCE = 256 * 1024;
/** A list copied into other pages (a data source's fields on each detection using it), in characters. */
export const MAX_COPIED_LIST = 16 * 1024;
/** A list on its entry's own page (a data source's fields), in characters. */
export const MAX_OWN_LIST = 256 * 1024;
/** A macro definition copied into each detection page that uses it. */
export const MAX_COPIED_DEFINITION = 8 * 1024;
/** Columns of a lookup CSV shown in its preview table. */
export const MAX_PREVIEW_COLUMNS = 100;
/**
 * All of one detection's drilldowns with `%original_detection_search%` resolved, in characters;
 * each resolved drilldown is copied into the page several times (highlighted code, link,
 * variants), about twenty times its length in all. The corpus's largest is well below it.
 */
export const MAX_DRILLDOWN_CHARS = 32 * 1024;

export const ORIGINAL_SEARCH = '%original_detection_search%';

/** The text, or its start when it is over `max`, with how many characters were left out. */
export function clipText(text: string, max: number): { text: string; omitted: number } {
  if (text.length <= max) return { text, omitted: 0 };
  // Never split a surrogate pair.
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end), omitted: text.length - end };
}

/** The first items whose text fits in `maxChars` (at least one), with how many were left out. */
export function clipList<T extends string>(items: readonly T[], maxChars: number): { items: T[]; omitted: number } {
  let used = 0;
  let n = 0;
  for (; n < items.length; n++) {
    used += items[n].length + 1;
    if (used > maxChars && n > 0) break;
  }
  return { items: items.slice(0, n), omitted: items.length - n };
}

/** Each drilldown's search with `%original_detection_search%` replaced, or null where that would pass the budget. */
export function resolveDrilldowns(
  search: string,
  drilldowns: readonly { search: string }[],
  budget = Math.max(MAX_DRILLDOWN_CHARS, 2 * search.length),
): (string | null)[] {
  let left = budget;
  return drilldowns.map((x) => {
    const copies = x.search.split(ORIGINAL_SEARCH).length - 1;
    const size = x.search.length + copies * (search.length - ORIGINAL_SEARCH.length);
    if (size > left) return null;
    left -= size;
    return copies ? x.search.split(ORIGINAL_SEARCH).join(search) : x.search;
  });
}

type Loaded = KindLists;

interface Texts {
  kind: string;
  name: string;
  filePath: string;
  description?: string | null;
}

/** The warnings for every cap the content reaches. */
export function boundsProblems(cat: Loaded): Problem[] {
  const out: Problem[] = [];
  const warn = (
    e: { kind: string; name: string; filePath: string },
    code: string,
    field: string | null,
    message: string,
  ) =>
    out.push({
      severity: 'warning',
      code,
      file: e.filePath,
      line: null,
      column: null,
      field,
      message,
      entry: { kind: e.kind, key: '', name: e.name },
    });
  const macros = new Map<string, MacroDef>(
    cat.macros.map((m) => [m.name, { definition: m.definition, arguments: m.arguments }]),
  );
  const tooLong = (e: Texts, field: string, text: string | null | undefined, max = MAX_PAGE_TEXT) => {
    if (text && text.length > max)
      warn(
        e,
        'text-too-large',
        field,
        `${text.length} characters; the page shows the first ${max} with a "too large to show" note`,
      );
  };

  for (const d of cat.detections) {
    const keep = expandMacros(d.search, macros, { filter: 'keep' });
    if (keep.tooLarge) warn(d, 'expansion-too-large', 'search', expansionMessage(keep.tooLarge));
    const resolved = resolveDrilldowns(d.search, d.drilldowns);
    const cut = resolved.flatMap((r, i) => (r === null ? [i] : []));
    if (cut.length) {
      warn(
        d,
        'drilldown-too-large',
        `drilldown_searches[${cut[0]}].search`,
        `with ${ORIGINAL_SEARCH} replaced, the drilldowns pass ${Math.max(MAX_DRILLDOWN_CHARS, 2 * d.search.length)} characters; ${cut.length} of ${resolved.length} are shown as written`,
      );
    }
    resolved.forEach((r, i) => {
      if (r === null) return;
      if (r !== d.drilldowns[i].search || /`/.test(r)) {
        const x = expandMacros(r, macros, { filter: 'keep' });
        if (x.tooLarge) warn(d, 'expansion-too-large', `drilldown_searches[${i}].search`, expansionMessage(x.tooLarge));
      }
    });
    tooLong(d, 'description', d.description);
    tooLong(d, 'how_to_implement', d.howToImplement);
    tooLong(d, 'known_false_positives', d.knownFalsePositives);
    if (d.search.length > MAX_SHOWN_CODE)
      warn(
        d,
        'text-too-large',
        'search',
        `the search is ${d.search.length} characters; its page shows the first ${MAX_SHOWN_CODE}, without Try in Splunk`,
      );
    if (d.raw.length > MAX_SHOWN_SOURCE)
      warn(
        d,
        'text-too-large',
        null,
        `the file is ${d.raw.length} characters; its page shows the first ${MAX_SHOWN_SOURCE} of the raw YAML`,
      );
  }
  for (const s of cat.stories) {
    tooLong(s, 'description', s.description);
    tooLong(s, 'narrative', s.narrative);
  }
  const others: Texts[][] = [
    cat.macros,
    cat.lookups,
    cat.dataSources,
    cat.baselines,
    cat.investigations,
    cat.playbooks,
  ];
  for (const list of others) for (const e of list) tooLong(e, 'description', e.description);
  for (const m of cat.macros) {
    if (m.definition.length > MAX_COPIED_DEFINITION)
      warn(
        m,
        'text-too-large',
        'definition',
        `${m.definition.length} characters; detection pages show the first ${MAX_COPIED_DEFINITION}, the macro's page the first ${MAX_SHOWN_CODE}`,
      );
  }
  for (const b of [...cat.baselines, ...cat.investigations]) {
    if (b.search.length > MAX_SHOWN_CODE)
      warn(
        b,
        'text-too-large',
        'search',
        `the search is ${b.search.length} characters; its page shows the first ${MAX_SHOWN_CODE}`,
      );
  }
  for (const ds of cat.dataSources) {
    if ((ds.exampleLog?.length ?? 0) > MAX_SHOWN_CODE)
      warn(
        ds,
        'text-too-large',
        'example_log',
        `the example event is ${ds.exampleLog!.length} characters; its page shows the first ${MAX_SHOWN_CODE}`,
      );
    for (const [field, list] of [
      ['fields', ds.fields],
      ['output_fields', ds.outputFields],
    ] as const) {
      const chars = list.reduce((n, f) => n + f.length + 1, 0);
      if (chars > MAX_COPIED_LIST)
        warn(
          ds,
          'text-too-large',
          field,
          `${list.length} fields (${chars} characters): detection pages show the first ${MAX_COPIED_LIST} characters, the data source's page ${MAX_OWN_LIST}`,
        );
    }
  }
  return out;
}

function expansionMessage(t: NonNullable<ReturnType<typeof expandMacros>['tooLarge']>): string {
  return t.reason === 'steps'
    ? `macro expansion stopped after ${t.limit} macro calls; the page shows the search as written`
    : `macros expand to more than ${t.limit} characters; the page shows the search as written`;
}
