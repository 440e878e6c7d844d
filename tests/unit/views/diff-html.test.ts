import { describe, expect, it } from 'vitest';
import { diffHtml, plainLines } from '../../../src/views/diff-html';
import type { DiffRow } from '../../../src/views/history';

describe('diff HTML', () => {
  it('keeps hostile text as text in plain lines', () => {
    expect(plainLines('<img src=x onerror=alert(1)>\n\na & b')).toEqual([
      '<span>&lt;img src=x onerror=alert(1)&gt;</span>',
      '',
      '<span>a &amp; b</span>',
    ]);
  });

  it('writes removed lines as <del>, added as <ins>, kept as <span>, gaps as a count', () => {
    const rows: DiffRow[] = [
      { op: 'same', text: 'a' },
      { op: 'gap', text: '', skipped: 12 },
      { op: 'del', text: 'old value', mark: [0, 3] },
      { op: 'add', text: 'new value', mark: [0, 3] },
    ];
    const html = diffHtml(rows, plainLines('a\nold value\nnew value'));
    expect(html).toBe(
      '<span class="line same"><span class="sign" aria-hidden="true"> </span><span>a</span></span>' +
        '<span class="line gap">… 12 unchanged lines …</span>' +
        '<del class="line del"><span class="sign" aria-hidden="true">−</span><span><mark>old</mark> value</span></del>' +
        '<ins class="line add"><span class="sign" aria-hidden="true">+</span><span><mark>new</mark> value</span></ins>',
    );
  });

  it('counts an escaped character as one when it marks the changed part', () => {
    const html = diffHtml([{ op: 'add', text: 'a<b', mark: [1, 2] }], plainLines('a<b'));
    expect(html).toContain('<span>a<mark>&lt;</mark>b</span>');
  });
});
