import { escapeText } from '../lib/text/escape.ts';
import { markRange } from '../lib/text/mark-range.ts';
import { counted } from '../lib/text/plural.ts';
import type { DiffRow } from './history.ts';

/**
 * The inside of a diff's `<code>`, written as one string: a build has tens of thousands of diff
 * lines, and a component per line cost more than the rest of the History section. Removed and
 * added lines are `<del>` and `<ins>` so they are read out as such, not only coloured.
 */

/**
 * Plain text laid out as the highlighter lays out a line of text (one `<span>` a line), without
 * the highlighter: text has no colours to find, and descriptions are most of a history's diffs.
 */
export function plainLines(code: string): string[] {
  return code.split('\n').map((line) => (line === '' ? '' : `<span>${escapeText(line)}</span>`));
}

const SIGN = { same: ' ', add: '+', del: '−' } as const;
const TAG = { same: 'span', add: 'ins', del: 'del' } as const;

/**
 * `lineHtml` holds the HTML of each shown row (every row but the gaps), in order, as the
 * highlighter (or `plainLines`) made it from those rows' texts joined by newlines.
 */
export function diffHtml(rows: readonly DiffRow[], lineHtml: readonly string[]): string {
  let i = 0;
  let out = '';
  for (const r of rows) {
    if (r.op === 'gap') {
      out += `<span class="line gap">… ${counted(r.skipped, 'unchanged line')} …</span>`;
      continue;
    }
    const h = lineHtml[i++] ?? '';
    const tag = TAG[r.op];
    out += `<${tag} class="line ${r.op}"><span class="sign" aria-hidden="true">${SIGN[r.op]}</span>${
      r.mark ? markRange(h, r.mark[0], r.mark[1]) : h
    }</${tag}>`;
  }
  return out;
}
