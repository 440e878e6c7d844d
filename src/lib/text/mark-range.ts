/**
 * Wraps the characters `from`…`to` (of the text, not the markup) of one line of highlighted
 * HTML in `<mark>`: the changed part of a line in a diff. The HTML is what the highlighter made
 * (elements and escaped text, `&…;` counting as one character); a mark never crosses an element
 * boundary, so it is closed before each tag and opened again after it, and the result nests.
 */
export function markRange(html: string, from: number, to: number): string {
  if (to <= from) return html;
  let out = '';
  let pos = 0;
  let open = false;
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const end = html.indexOf('>', i);
      const stop = end < 0 ? html.length : end + 1;
      if (open) {
        out += '</mark>';
        open = false;
      }
      out += html.slice(i, stop);
      i = stop;
      continue;
    }
    let stop = i + 1;
    if (c === '&') {
      const semi = html.indexOf(';', i);
      if (semi > i && semi - i <= 10) stop = semi + 1;
    }
    const inside = pos >= from && pos < to;
    if (inside && !open) {
      out += '<mark>';
      open = true;
    } else if (!inside && open) {
      out += '</mark>';
      open = false;
    }
    out += html.slice(i, stop);
    pos++;
    i = stop;
  }
  if (open) out += '</mark>';
  return out;
}

/**
 * The part of two versions of a line that differs, as one span on each side: what is left after
 * their common start and end. Null when the lines share too little for a mark to help (then the
 * whole line is the change).
 */
export function changedSpan(
  before: string,
  after: string,
): { before: [number, number]; after: [number, number] } | null {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // Marks that begin or end inside a word read badly: widen them to the word's edges, where the
  // changed part on either side runs into a word.
  const word = /[\p{L}\p{N}_]/u;
  const w = (s: string, i: number, lo: number, hi: number) => i >= lo && i < hi && word.test(s[i]);
  const inside = (i: number) => w(before, i, start, before.length - end) || w(after, i, start, after.length - end);
  while (start > 0 && word.test(before[start - 1]) && inside(start)) start--;
  const tail = () =>
    w(before, before.length - end - 1, start, before.length - end) ||
    w(after, after.length - end - 1, start, after.length - end);
  while (end > 0 && word.test(before[before.length - end]) && tail()) end--;
  const shared = start + end;
  if (shared === 0 || shared < Math.max(before.length, after.length) * 0.3) return null;
  return { before: [start, before.length - end], after: [start, after.length - end] };
}
