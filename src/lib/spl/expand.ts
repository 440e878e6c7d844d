import { scan } from './scan';
import { splitArgs } from './analyze';

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
}

export interface Expanded {
  search: string;
  expanded: string[];
  unknown: string[];
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
  const expanded = new Set<string>();
  const unknown = new Set<string>();

  const run = (text: string, depth: number, stack: string[]): string => {
    let out = '';
    let last = 0;
    for (const r of scan(text)) {
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
        let body = def.definition;
        def.arguments.forEach((a, k) => {
          body = body.split(`$${a}$`).join(call.args[k]);
        });
        replacement = run(body, depth + 1, [...stack, call.name]);
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
    }
    return out + text.slice(last);
  };

  const result = run(search, 0, []).replace(/[ \t]+$/gm, '').replace(/\s*\|\s*$/, '');
  return { search: result.trim(), expanded: [...expanded], unknown: [...unknown] };
}
