import { scan } from './scan.ts';
import { splitArgs } from './analyze.ts';

/**
 * Replaces macro calls by their definitions (arguments substituted) so a search runs on a
 * Splunk without the content app. Splunk keys macros by name and argument count; unknown
 * macros stay as written; recursion is bounded and cycles are left unexpanded.
 */
export interface MacroDef {
  definition: string;
  arguments: string[];
}

export interface ExpandOptions {
  /** Filter macros (tuning hooks): dropped with their pipe, or kept (expanded when known). */
  filter: 'remove' | 'keep';
  isFilter?: (name: string) => boolean;
  maxDepth?: number;
  /** Longest expansion kept (characters); default `expansionCap(search.length)`. */
  maxLength?: number;
  /** Macro calls replaced at most, over the whole expansion. */
  maxSteps?: number;
}

/** Expansions are bounded: about 64 KB, or ten times the search when that is more. */
export const MAX_EXPANDED_CHARS = 64 * 1024;
export const expansionCap = (inputLength: number) => Math.max(MAX_EXPANDED_CHARS, 10 * inputLength);
/** Far above any real search (a few dozen calls); a fan-out bomb reaches it in milliseconds. */
export const MAX_EXPANSION_STEPS = 5000;

export interface Expanded {
  search: string;
  expanded: string[];
  unknown: string[];
  /**
   * Set when a cap stopped the expansion: `search` is then the search as written, since a cut
   * expansion would not run. Says which cap.
   */
  tooLarge?: { reason: 'length' | 'steps'; limit: number };
}

function parseCall(raw: string): { name: string; args: string[] } | null {
  const inner = raw.slice(1, -1);
  if (!inner || /\s/.test(inner.replace(/\(.*\)$/s, ''))) return null;
  const paren = inner.indexOf('(');
  if (paren < 0) return { name: inner, args: [] };
  const args = splitArgs(inner.slice(paren + 1, inner.endsWith(')') ? -1 : undefined));
  return { name: inner.slice(0, paren), args };
}

export function expandMacros(search: string, macros: Map<string, MacroDef>, opts: ExpandOptions): Expanded {
  const isFilter = opts.isFilter ?? ((n: string) => n.endsWith('_filter'));
  const maxDepth = opts.maxDepth ?? 10;
  const maxLength = opts.maxLength ?? expansionCap(search.length);
  const maxSteps = opts.maxSteps ?? MAX_EXPANSION_STEPS;
  const expanded = new Set<string>();
  const unknown = new Set<string>();
  let steps = 0;
  let stop: Expanded['tooLarge'];

  const run = (text: string, depth: number, stack: string[]): string => {
    let out = '';
    let last = 0;
    for (const r of scan(text)) {
      if (stop) break;
      if (r.kind !== 'macro') continue;
      const raw = text.slice(r.start, r.end);
      const call = parseCall(raw);
      if (!call) continue;
      let replacement: string | null = null;
      const def = macros.get(call.name);
      const fits = def && def.arguments.length === call.args.length;
      if (isFilter(call.name) && opts.filter === 'remove') {
        replacement = '';
      } else if (def && fits && depth < maxDepth && !stack.includes(call.name)) {
        if (++steps > maxSteps) {
          stop = { reason: 'steps', limit: maxSteps };
          break;
        }
        let body = def.definition;
        for (let k = 0; k < def.arguments.length && body.length <= maxLength; k++)
          body = body.split(`$${def.arguments[k]}$`).join(call.args[k]);
        replacement = body.length > maxLength ? '' : run(body, depth + 1, [...stack, call.name]);
        if (body.length > maxLength) stop = { reason: 'length', limit: maxLength };
        if (stop) break;
        expanded.add(call.name);
      } else if (!def || !fits) {
        if (!isFilter(call.name)) unknown.add(call.name);
      }
      if (replacement === null) continue;
      let start = r.start;
      if (replacement === '') {
        // Drop the pipe that introduced a removed macro, so no dangling `|` is left.
        const before = text.slice(last, r.start);
        const m = /\s*\|\s*$/.exec(before);
        if (m) start = last + m.index;
      }
      out += text.slice(last, start) + replacement;
      last = r.end;
      if (out.length > maxLength) {
        stop = { reason: 'length', limit: maxLength };
        break;
      }
    }
    return stop ? '' : out + text.slice(last);
  };

  const full = run(search, 0, []);
  if (stop || full.length > maxLength) {
    return {
      search,
      expanded: [...expanded],
      unknown: [...unknown],
      tooLarge: stop ?? { reason: 'length', limit: maxLength },
    };
  }
  const result = full.replace(/[ \t]+$/gm, '').replace(/\s*\|\s*$/, '');
  return { search: result.trim(), expanded: [...expanded], unknown: [...unknown] };
}
