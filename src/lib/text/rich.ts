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

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\])]+[^\s<>"'`\])}.,;:!?]/gi;

/** Splits on blank lines; single line breaks inside a paragraph are kept as spaces. */
export function paragraphs(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

function linkify(s: string, out: Segment[]) {
  let last = 0;
  for (const m of s.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ type: 'text', value: s.slice(last, start) });
    let url = m[0];
    // A closing parenthesis belongs to the URL only when the URL opened one.
    if (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1);
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
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) out.push({ type: 'code', value: part.slice(1, -1) });
    else linkify(part, out);
  }
  return out;
}

export function richText(text: string | null | undefined): Segment[][] {
  return paragraphs(text).map(segments);
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
