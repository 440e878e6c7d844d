import { scan } from './scan.ts';

/**
 * What a search uses: macros, lookups, data models and `$field$` tokens, following
 * contentctl's rules (docs/content-format.md §3.8, §3.9) so the site and contentctl agree.
 */

/** Macros supplied by other Splunk apps (CIM, ES); matched as substrings like contentctl does. */
export const EXTERNAL_MACROS = [
  'drop_dm_object_name',
  'get_asset',
  'get_risk_severity',
  'cim_corporate_web_domain_search',
  'globedistance',
];
export const isExternalMacro = (name: string) => EXTERNAL_MACROS.some((m) => name.includes(m));

/** Lookups supplied by Enterprise Security or other apps, never reported as missing. */
export const EXTERNAL_LOOKUPS = new Set([
  'ut_shannon_lookup',
  'identity_lookup_expanded',
  'cim_corporate_web_domain_lookup',
  'cim_corporate_email_domain_lookup',
  'cim_cloud_domain_lookup',
  'alexa_lookup_by_str',
  'interesting_ports_lookup',
  'asset_lookup_by_str',
  'admon_groups_def',
  'asn_lookup_by_cidr',
  'mitre_attack_lookup',
  '=',
  'other_lookups',
]);

export const CIM_DATA_MODELS = [
  'Endpoint',
  'Network_Traffic',
  'Authentication',
  'Change',
  'Change_Analysis',
  'Email',
  'Network_Resolution',
  'Network_Sessions',
  'UEBA',
  'Updates',
  'Vulnerabilities',
  'Web',
  'Risk',
  'Splunk_Audit',
];

/** Removes ``` comments ```, which contentctl ignores when looking for macros. */
export function stripComments(search: string): string {
  return search.replace(/```[\s\S]*?```/g, ' ');
}

export interface MacroCall {
  name: string;
  args: string[];
  /** The call as written, backticks included. */
  raw: string;
  index: number;
}

/** Splits macro arguments on commas outside quotes and parentheses. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' && s[i - 1] !== '\\') quote = !quote;
    if (!quote && c === '(') depth++;
    if (!quote && c === ')') depth--;
    if (!quote && depth === 0 && c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() || out.length) out.push(cur.trim());
  return out;
}

/** Every backtick macro call outside comments; tokens with whitespace are not calls (contentctl rule). */
export function findMacroCalls(search: string): MacroCall[] {
  const calls: MacroCall[] = [];
  for (const r of scan(search)) {
    if (r.kind !== 'macro') continue;
    const raw = search.slice(r.start, r.end);
    const inner = raw.slice(1, -1);
    if (!inner || /\s/.test(inner)) continue;
    const paren = inner.indexOf('(');
    const name = paren < 0 ? inner : inner.slice(0, paren);
    const args = paren < 0 ? [] : splitArgs(inner.slice(paren + 1, inner.endsWith(')') ? -1 : undefined));
    if (name) calls.push({ name, args, raw, index: r.start });
  }
  return calls;
}

const LOOKUP_RES = [
  /(?:^|\W)inputlookup(?:\s+(?:append|strict|start|max)\s*=\s*\S+)*\s+(\w+)/gi,
  /(?:^|\W)outputlookup(?:\s+\w+\s*=\s*\S+)*\s+(\w+)/gi,
  /(?:^|[^\w])(?<!input)(?<!output)lookup(?:\s+(?:local|update)\s*=\s*\S+)*\s+(\w+)/gi,
];

/** Lookup names used by inputlookup, outputlookup and lookup, first appearance first. */
export function findLookups(search: string): string[] {
  const s = stripComments(search);
  const found: { name: string; index: number }[] = [];
  for (const re of LOOKUP_RES) {
    for (const m of s.matchAll(re)) found.push({ name: m[1], index: m.index ?? 0 });
  }
  found.sort((a, b) => a.index - b.index);
  return [...new Set(found.map((f) => f.name))].filter((n) => !EXTERNAL_LOOKUPS.has(n));
}

/** Models applied with `apply <model>` (MLTK); their lookups are `__mlspl_<model>`. */
export function findMlModels(search: string): string[] {
  return [...new Set([...stripComments(search).matchAll(/(?:^|\|)\s*apply\s+(\w+)/g)].map((m) => m[1]))];
}

/** Data models named explicitly: `datamodel=X.Y`, `datamodel X.Y`, `from datamodel:X.Y`, `| datamodel X Y`. */
export function findDataModels(search: string): { model: string; dataset?: string }[] {
  const s = stripComments(search);
  const out = new Map<string, { model: string; dataset?: string }>();
  const add = (model: string, dataset?: string) => {
    const key = `${model}.${dataset ?? ''}`;
    if (!out.has(key)) out.set(key, dataset ? { model, dataset } : { model });
  };
  for (const m of s.matchAll(/datamodel\s*[=:]\s*"?(\w+)(?:\.(\w+))?/gi)) add(m[1], m[2]);
  for (const m of s.matchAll(/(?:from\s+)datamodel\s+"?(\w+)(?:\.(\w+))?/gi)) add(m[1], m[2]);
  for (const m of s.matchAll(/\|\s*datamodel\s+(\w+)(?:\s+(\w+))?/gi))
    add(m[1], m[2] && !/^(search|flat|acceleration_search)$/i.test(m[2]) ? m[2] : undefined);
  return [...out.values()];
}

/** contentctl's derivation: each CIM model name found as a case-sensitive substring, in list order. */
export function deriveDataModels(search: string): string[] {
  return CIM_DATA_MODELS.filter((m) => search.includes(m));
}

/** `$field$` tokens (dots, braces and hyphens allowed), unique, in order of appearance. */
export function findTokens(text: string, opts: { includeTime?: boolean } = {}): string[] {
  const out = [...new Set([...text.matchAll(/\$([^\s$]+)\$/g)].map((m) => m[1]))];
  return opts.includeTime ? out : out.filter((t) => t !== 'info_min_time' && t !== 'info_max_time');
}
