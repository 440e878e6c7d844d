import { scan } from './scan.ts';

/**
 * Searches that do more than read. "Try in Splunk" opens a search in the visitor's logged-in
 * Splunk, so a search that deletes events, writes lookups or indexes, sends mail, runs scripts
 * or reads stored credentials must say so before anyone clicks. Commands are found at command
 * positions only (after a pipe, first in a subsearch), outside strings and ``` comments ```, so
 * `delete_count=1` or `"| delete"` in an eval are not commands. Command names are matched in
 * any case, as Splunk does.
 */

export type RiskKind = 'delete' | 'write' | 'send' | 'run' | 'credentials';

export interface RiskyCommand {
  /** The command as Splunk knows it, lower case (`outputlookup`, `rest`). */
  command: string;
  kind: RiskKind;
  /** What it does, completing "This search …". */
  does: string;
  /** Offset of the command name in the search. */
  index: number;
}

export interface InvisibleChar {
  index: number;
  /** 1-based line and column in the search. */
  line: number;
  column: number;
  /** `U+202E RIGHT-TO-LEFT OVERRIDE`. */
  label: string;
}

const COMMANDS: Record<string, { kind: RiskKind; does: string }> = {
  delete: { kind: 'delete', does: 'deletes events from an index' },
  outputlookup: { kind: 'write', does: 'writes to a lookup' },
  outputcsv: { kind: 'write', does: 'writes a CSV file on the search head' },
  collect: { kind: 'write', does: 'writes events to an index' },
  // collect's older name.
  summaryindex: { kind: 'write', does: 'writes events to an index' },
  tscollect: { kind: 'write', does: 'writes tsidx files' },
  mcollect: { kind: 'write', does: 'writes metrics to an index' },
  meventcollect: { kind: 'write', does: 'writes metrics to an index' },
  dump: { kind: 'write', does: 'writes result files on the server' },
  dbxoutput: { kind: 'write', does: 'writes to a database (DB Connect)' },
  dbxquery: { kind: 'run', does: 'runs SQL on a database (DB Connect)' },
  sendemail: { kind: 'send', does: 'sends email' },
  sendalert: { kind: 'send', does: 'triggers an alert action' },
  script: { kind: 'run', does: 'runs a script on the server' },
  run: { kind: 'run', does: 'runs a script on the server' },
  map: { kind: 'run', does: 'runs another search for each result' },
};

/**
 * REST endpoints that return secrets or configuration: stored passwords (in clear), users,
 * roles and tokens, every .conf file. `rest` only reads, but it reads with the visitor's rights.
 */
const SENSITIVE_ENDPOINT =
  /(?:^|\/)(?:storage\/passwords|authentication\/|authorization\/|configs\/|properties(?:\/|$)|admin\/|data\/inputs\/|deployment\/)/i;

/** Strings and comments blanked out (same length), so offsets stay those of the search. */
function codeOnly(search: string): string {
  let out = '';
  for (const r of scan(search)) {
    const part = search.slice(r.start, r.end);
    out += r.kind === 'string' || r.kind === 'comment' ? part.replace(/[^\n]/g, ' ') : part;
  }
  return out;
}

/** The `rest` arguments up to the next pipe or closing bracket, strings included (an endpoint may be quoted). */
function restArguments(search: string, code: string, from: number): string {
  let end = from;
  while (end < code.length && code[end] !== '|' && code[end] !== ']') end++;
  let text = search.slice(from, end).replace(/["']/g, ' ');
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not percent-encoded text: matched as written.
  }
  return text;
}

/** True when a `rest` call names an endpoint that returns secrets or configuration. */
export function isSensitiveEndpoint(args: string): boolean {
  return args
    .split(/\s+/)
    .filter((w) => w.includes('/') && !/^\w+=/.test(w))
    .some((w) => {
      // /services/<path>, /servicesNS/<owner>/<app>/<path>, or a path with no prefix.
      const path = w
        .replace(/^(?:https?:\/\/[^/]+)?\/*(?:servicesNS\/[^/]+\/[^/]+|services)\//i, '')
        .replace(/\/{2,}/g, '/');
      return SENSITIVE_ENDPOINT.test(path);
    });
}

/**
 * Every risky command at a command position, in order. With `fragment`, the first word counts
 * too (a macro definition may be used right after a pipe); a whole search that does not start
 * with a pipe starts with an implicit `search`, so its first word is a search term.
 */
export function riskyCommands(search: string, opts: { fragment?: boolean } = {}): RiskyCommand[] {
  const code = codeOnly(search);
  const out: RiskyCommand[] = [];
  const re = opts.fragment ? /(^|[|[])(\s*)([A-Za-z_]\w*)/g : /([|[])(\s*)([A-Za-z_]\w*)/g;
  for (const m of code.matchAll(re)) {
    const name = m[3].toLowerCase();
    const index = (m.index ?? 0) + m[1].length + m[2].length;
    // A word run into a macro or a following name character (`map`x``) is not this command.
    const after = code[index + m[3].length];
    if (after === '`') continue;
    const known = COMMANDS[name];
    if (known) out.push({ command: name, ...known, index });
    else if (name === 'rest' && isSensitiveEndpoint(restArguments(search, code, index + m[3].length))) {
      out.push({ command: 'rest', kind: 'credentials', does: 'reads credentials or configuration over REST', index });
    }
    if (name === 'map') {
      // map's search="…" is a search of its own, run for every result.
      for (const inner of search.slice(index).matchAll(/^map\b[^|\]]*?\bsearch\s*=\s*"((?:[^"\\]|\\.)*)"/gi)) {
        const nested = inner[1].replace(/\\(.)/g, '$1');
        const at = index + (inner.index ?? 0);
        for (const c of riskyCommands(nested, { fragment: true })) out.push({ ...c, index: at });
      }
    }
  }
  return out;
}

/** Names of the characters we report; others are shown by code point alone. */
const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/**
 * Characters that change how a search reads without showing (Trojan Source): every format
 * character (bidi controls, zero-width characters, soft hyphen, BOM, tags), control characters
 * other than tab and line breaks, line and paragraph separators, Hangul fillers and variation
 * selectors.
 */
const INVISIBLE =
  /[\p{Cf}\p{Zl}\p{Zp}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** At most this many are listed (a hostile search may hold millions); all are counted. */
export const MAX_LISTED_INVISIBLE = 100;

export function invisibleChars(search: string): { listed: InvisibleChar[]; count: number } {
  const listed: InvisibleChar[] = [];
  let count = 0;
  let line = 1;
  let lineStart = 0;
  let from = 0;
  for (const m of search.matchAll(INVISIBLE)) {
    count++;
    if (listed.length >= MAX_LISTED_INVISIBLE) continue;
    const index = m.index ?? 0;
    for (let i = search.indexOf('\n', from); i >= 0 && i < index; i = search.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    from = index;
    const column = [...search.slice(lineStart, index)].length + 1;
    const cp = m[0].codePointAt(0)!;
    const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    listed.push({ index, line, column, label: NAMES[cp] ? `${hex} ${NAMES[cp]}` : hex });
  }
  return { listed, count };
}

export interface SplRisks {
  /** One per command, first use first. */
  commands: RiskyCommand[];
  /** The first MAX_LISTED_INVISIBLE invisible characters, and how many there are. */
  invisible: InvisibleChar[];
  invisibleCount: number;
}

export function splRisks(search: string, opts: { fragment?: boolean } = {}): SplRisks {
  const seen = new Set<string>();
  const commands = riskyCommands(search, opts).filter((c) => !seen.has(c.command) && seen.add(c.command));
  const { listed, count } = invisibleChars(search);
  return { commands, invisible: listed, invisibleCount: count };
}

export const hasRisks = (r: SplRisks) => r.commands.length > 0 || r.invisibleCount > 0;

/** `writes to a lookup (outputlookup) and runs another search for each result (map)`. */
export function describeCommands(commands: readonly RiskyCommand[]): string {
  const parts = commands.map((c) => `${c.does} (${c.command})`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** `line 1, column 5 (U+202E RIGHT-TO-LEFT OVERRIDE)`; the first few, then how many more. */
export function describeInvisible(r: Pick<SplRisks, 'invisible' | 'invisibleCount'>, max = 3): string {
  const shown = r.invisible.slice(0, max).map((c) => `line ${c.line}, column ${c.column} (${c.label})`);
  const more = r.invisibleCount - shown.length;
  return shown.join('; ') + (more > 0 ? ` and ${more} more` : '');
}
