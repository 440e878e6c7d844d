import type { Detection, Macro } from '../content/model.ts';
import { expandMacros } from '../domain/spl/expand.ts';
import { resolveDrilldowns } from '../domain/lint/bounds.ts';
import { findTokens } from '../domain/spl/analyze.ts';
import { searchNote, type SearchNote } from '../domain/spl/note.ts';
import { drilldownWindow, splunkSearchUrl, type SplunkTarget, type TimeWindow } from '../domain/urls/splunk.ts';

/**
 * Everything the detection page needs for running searches: the three variants of the main
 * search (as written, macros expanded with the filter removed, expanded with the filter kept),
 * and each drilldown with `%original_detection_search%` resolved and its time window.
 */

export interface SearchVariants {
  raw: string;
  expanded: string;
  expandedKeepFilter: string;
  unknownMacros: string[];
  /** What the search writes, deletes, sends or runs, and invisible characters in it (src/domain/spl/risky.ts). */
  note: SearchNote | null;
  /** A cap stopped the macro expansion: the expanded variants are the search as written. */
  tooLarge: boolean;
}

export interface DrilldownView {
  name: string;
  /** As written in the content. */
  original: string;
  /** `%original_detection_search%` replaced by the detection's search (as written when that is over the cap). */
  resolved: string;
  /** The drilldowns with the search copied in passed their cap: this one is not resolved. */
  tooLarge: boolean;
  variants: SearchVariants;
  window: TimeWindow;
  /** `$field$` tokens the analyst can fill (time tokens excluded). */
  tokens: string[];
  href: string;
}

export type MacroTable = Map<string, { definition: string; arguments: string[] }>;

const tables = new WeakMap<Macro[], MacroTable>();

/** One table per macro list: every detection page asks for it. */
export function macroTable(macros: Macro[]): MacroTable {
  let t = tables.get(macros);
  if (!t)
    tables.set(
      macros,
      (t = new Map(macros.map((m) => [m.name, { definition: m.definition, arguments: m.arguments }]))),
    );
  return t;
}

const variantsByTable = new WeakMap<MacroTable, Map<string, SearchVariants>>();

/**
 * A search's variants, once per macro table: a story's Try links hold its detections' searches,
 * so each detection's search is asked for by its own page and by each of its stories (and, in
 * a rebuild, by every page's fingerprint).
 */
export function searchVariants(search: string, macros: MacroTable): SearchVariants {
  let known = variantsByTable.get(macros);
  if (!known) variantsByTable.set(macros, (known = new Map()));
  let v = known.get(search);
  if (!v) known.set(search, (v = computeVariants(search, macros)));
  return v;
}

function computeVariants(search: string, macros: MacroTable): SearchVariants {
  const removed = expandMacros(search, macros, { filter: 'remove' });
  const kept = expandMacros(search, macros, { filter: 'keep' });
  return {
    raw: search,
    expanded: removed.search,
    expandedKeepFilter: kept.search,
    unknownMacros: removed.unknown,
    note: searchNote(search, kept.search),
    tooLarge: Boolean(removed.tooLarge || kept.tooLarge),
  };
}

export function drilldownViews(d: Detection, macros: MacroTable, target: SplunkTarget): DrilldownView[] {
  const all = resolveDrilldowns(d.search, d.drilldowns);
  return d.drilldowns.map((x, i) => {
    const resolved = all[i] ?? x.search;
    const window = drilldownWindow(x.earliest, x.latest);
    const tokens = [...new Set([...findTokens(x.name), ...findTokens(resolved)])].filter(
      (t) => t !== 'info_min_time' && t !== 'info_max_time',
    );
    return {
      name: x.name,
      original: x.search,
      resolved,
      tooLarge: all[i] === null,
      variants: searchVariants(resolved, macros),
      window,
      tokens,
      href: splunkSearchUrl(target, resolved, window.earliest, window.latest),
    };
  });
}

/** One-line explanation of each detection type, shown next to the type badge. */
export const TYPE_EXPLAINED: Record<string, string> = {
  TTP: 'TTP: matches a known adversary technique; high fidelity, meant to raise a notable and add risk.',
  Anomaly: 'Anomaly: unusual behaviour worth scoring; adds risk to an entity without raising a notable on its own.',
  Hunting: 'Hunting: a broad search for an analyst to run and review; expect noise, not alerts.',
  Correlation: 'Correlation: combines other detections’ risk events or notables into one higher-confidence alert.',
};

/** The badge colour of a detection status: green for maintained, amber for use-with-care, red otherwise. */
export function statusTone(status: string): 'ok' | 'warn' | 'danger' {
  return status === 'production' ? 'ok' : status === 'experimental' ? 'warn' : 'danger';
}

export const STATUS_EXPLAINED: Record<string, string> = {
  production: 'Production: tested against attack data and maintained.',
  experimental: 'Experimental: manually tested, no shareable attack data yet; use with care.',
  deprecated: 'Deprecated: no longer maintained and kept for reference.',
  validation: 'Validation: under validation.',
  removed: 'Removed from the content pack.',
};
