import { escapeText } from './escape.ts';

/**
 * A display-only YAML colouriser for the collapsed raw-file view: keys, strings, constants,
 * comments and block scalars, line by line. Shiki's YAML grammar did the same, but on every
 * detection page it cost more build time than the (collapsed) view is worth. Output is
 * tokens of text, never markup; the component renders them as escaped text.
 */
export type YamlKind = 'key' | 'string' | 'const' | 'comment' | 'punct' | 'text';
export interface YamlToken {
  kind: YamlKind;
  value: string;
}

const KEY_RE = /^(\s*(?:-\s+)*)((?:[^\s#'"{}[\],:][^:#]*?)|"[^"]*"|'[^']*')(:)(?=\s|$)(.*)$/;
const CONST_RE = /^(?:true|false|null|~|yes|no|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/i;
const BLOCK_RE = /^[|>][-+]?\d*\s*(?:#.*)?$/;

function value(v: string, out: YamlToken[]): 'single' | 'double' | null {
  const lead = /^\s*/.exec(v)![0];
  if (lead) out.push({ kind: 'text', value: lead });
  const s = v.slice(lead.length);
  if (!s) return null;
  if (s[0] === "'" || s[0] === '"') {
    out.push({ kind: 'string', value: s });
    return closes(s.slice(1), s[0]) ? null : s[0] === "'" ? 'single' : 'double';
  }
  if (BLOCK_RE.test(s)) out.push({ kind: 'punct', value: s });
  else {
    const hash = s.search(/\s#/);
    const body = hash >= 0 ? s.slice(0, hash) : s;
    out.push({ kind: CONST_RE.test(body.trim()) ? 'const' : 'text', value: body });
    if (hash >= 0) out.push({ kind: 'comment', value: s.slice(hash) });
  }
  return null;
}

/** True when a quoted scalar's closing quote is in `rest` ('' and \" do not close). */
function closes(rest: string, q: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (q === '"' && rest[i] === '\\') i++;
    else if (rest[i] === q) {
      if (q === "'" && rest[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

export function yamlTokens(text: string): YamlToken[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const out: YamlToken[][] = [];
  let block: number | null = null; // indentation of the key that opened a | or > scalar
  let quote: 'single' | 'double' | null = null;
  for (const line of lines) {
    const toks: YamlToken[] = [];
    const indent = /^\s*/.exec(line)![0].length;
    if (quote) {
      toks.push({ kind: 'string', value: line });
      if (closes(line, quote === 'single' ? "'" : '"')) quote = null;
    } else if (block !== null && (indent > block || !line.trim())) {
      toks.push({ kind: 'string', value: line });
    } else {
      block = null;
      const m = KEY_RE.exec(line);
      if (/^\s*#/.test(line)) toks.push({ kind: 'comment', value: line });
      else if (m) {
        const lead = /^\s*/.exec(m[1])![0];
        if (lead) toks.push({ kind: 'text', value: lead });
        if (m[1].length > lead.length) toks.push({ kind: 'punct', value: m[1].slice(lead.length) });
        toks.push({ kind: 'key', value: m[2] }, { kind: 'punct', value: m[3] });
        quote = value(m[4], toks);
        if (BLOCK_RE.test(m[4].trim())) block = m[1].length;
      } else {
        const dash = /^(\s*(?:-\s+)+)(.*)$/.exec(line);
        if (dash) {
          const lead = /^\s*/.exec(dash[1])![0];
          if (lead) toks.push({ kind: 'text', value: lead });
          toks.push({ kind: 'punct', value: dash[1].slice(lead.length) });
          quote = value(dash[2], toks);
        } else quote = value(line, toks);
      }
    }
    out.push(toks);
  }
  return out;
}

const CLASS: Record<Exclude<YamlKind, 'text'>, string> = {
  key: 'k',
  string: 's',
  const: 'n',
  comment: 'm',
  punct: 'p',
};

/**
 * The coloured lines as HTML: every token escaped, kinds as `<span class>` (k, s, n, m, p).
 * A raw-file view holds hundreds of tokens, and one string instead of one Astro element per
 * token keeps the detection pages' render (and Astro's per-element style attributes) out
 * of the build time.
 */
export function yamlHtml(text: string): string {
  return yamlLines(text)
    .map((l) => `${l}\n`)
    .join('');
}

/** The same HTML, one string per line of `text`. */
export function yamlLines(text: string): string[] {
  return yamlTokens(text).map((line) => {
    let out = '';
    for (const t of line)
      out += t.kind === 'text' ? escapeText(t.value) : `<span class="${CLASS[t.kind]}">${escapeText(t.value)}</span>`;
    return out;
  });
}
