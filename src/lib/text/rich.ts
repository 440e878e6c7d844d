/**
 * Plain content text → paragraphs of typed segments. Nothing here produces HTML: the
 * component renders each segment as text (or a link / code element), so content can never
 * inject markup. Only http(s) URLs become links.
 */

export type Segment =
  | { type: 'text'; value: string }
  | { type: 'link'; value: string; href: string }
  | { type: 'code'; value: string }
  | { type: 'token'; value: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\]]+/gi;

/** Trailing punctuation is the sentence's, and a `)` the URL's only when the URL opened one. */
function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    if (/[.,;:!?}]$/.test(u)) u = u.slice(0, -1);
    else if (u.endsWith(')') && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    else return u;
  }
}

/** A paragraph, or a list of items, each as text still to be segmented. */
export type Block = { type: 'p'; text: string } | { type: 'list'; ordered: boolean; items: string[] };

const ITEM_RE = /^\s*(?:(\d{1,3})[.)]|[-*•])\s+(.*)$/;

/**
 * Splits content text into paragraphs and lists. Blank lines always end a paragraph; the
 * corpus also ends paragraphs with a single line break after a sentence, while a break in
 * mid-sentence is a hard wrap and becomes a space. Lines starting with `1.`, `-`, `*` or `•`
 * become list items (a wrapped item continues on the next unmarked line).
 */
export function blocks(text: string | null | undefined): Block[] {
  if (!text) return [];
  const out: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushPara = () => {
    const t = para.join(' ').trim();
    if (t) out.push({ type: 'p', text: t });
    para = [];
  };
  const flushList = () => {
    if (list?.items.length) out.push({ type: 'list', ordered: list.ordered, items: list.items });
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      flushPara();
      flushList();
      continue;
    }
    const item = ITEM_RE.exec(line);
    if (item) {
      flushPara();
      const ordered = item[1] !== undefined;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[2].trim());
      continue;
    }
    if (list) {
      const last = list.items.length - 1;
      // An unmarked line after an item that ended a sentence starts a new paragraph.
      if (/[.!?:]["')\]]?$/.test(list.items[last])) flushList();
      else {
        list.items[last] = `${list.items[last]} ${line}`;
        continue;
      }
    }
    para.push(line);
    if (/[.!?:]["')\]]?$/.test(line)) flushPara();
  }
  flushPara();
  flushList();
  return out;
}

/** The text of every paragraph and list item, in order (for snippets and tests). */
export function paragraphs(text: string | null | undefined): string[] {
  return blocks(text).flatMap((b) => (b.type === 'p' ? [b.text] : b.items));
}

function linkify(s: string, out: Segment[]) {
  let last = 0;
  for (const m of s.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ type: 'text', value: s.slice(last, start) });
    const url = trimUrl(m[0]);
    if (url.length < 'https://x'.length) continue;
    out.push({ type: 'link', value: url, href: url });
    last = start + url.length;
  }
  if (last < s.length) out.push({ type: 'text', value: s.slice(last) });
}

/** Segments of one paragraph: `code spans` (as the old site showed backticks), links, text. */
export function segments(p: string): Segment[] {
  const out: Segment[] = [];
  const parts = p.split(/(`[^`\n]+`)/g);
  for (const part of parts) {
    if (!part) continue;
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`'))
      out.push({ type: 'code', value: part.slice(1, -1) });
    else linkify(part, out);
  }
  return out;
}

export type RichBlock = { type: 'p'; segs: Segment[] } | { type: 'list'; ordered: boolean; items: Segment[][] };

export function richText(text: string | null | undefined): RichBlock[] {
  return blocks(text).map((b) =>
    b.type === 'p'
      ? { type: 'p', segs: segments(b.text) }
      : { type: 'list', ordered: b.ordered, items: b.items.map(segments) },
  );
}

/** Marks `$field$` tokens (dots, braces and hyphens allowed inside) in a risk message or name. */
export function tokenSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$[^\s$]+\$/g)) {
    const i = m.index ?? 0;
    if (i > last) out.push({ type: 'text', value: text.slice(last, i) });
    out.push({ type: 'token', value: m[0].slice(1, -1) });
    last = i + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

/** A one-line summary for meta descriptions and result snippets. */
export function snippet(text: string | null | undefined, max = 180): string {
  const s = (text ?? '').replace(/\s+/g, ' ').replace(/`/g, '').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).replace(/[,;:.\s]+$/, '')}…`;
}

// Words whose trailing dot ends no sentence.
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|fig|ver|al|(?:[A-Za-z]\.)*[A-Z])\.$/i;

/**
 * The first sentence of a description, for a list: up to the first `.`, `!` or `?` that is
 * followed by a space and a capital letter, a quote or an opening bracket (or ends the text),
 * skipping abbreviations and dotted names (`e.g.`, `rundll32.exe`, `v1.2`). Then cut to `max`
 * characters as `snippet` does.
 */
export function firstSentence(text: string | null | undefined, max = 200): string {
  const s = (text ?? '').replace(/\s+/g, ' ').replace(/`/g, '').trim();
  const end = /[.!?](?=\s+["'“([]?[A-Z0-9]|$)/g;
  for (let m = end.exec(s); m; m = end.exec(s)) {
    const head = s.slice(0, m.index + 1);
    if (m[0] === '.' && ABBREVIATION.test(head)) continue;
    return snippet(head, max);
  }
  return snippet(s, max);
}
