import { describe, expect, it } from 'vitest';
import { changedSpan, markRange } from '../../../src/lib/text/mark-range.ts';

describe('markRange', () => {
  it('marks text characters across highlighted tokens, closing the mark at each element boundary', () => {
    const html = '<span class="a">index</span><span class="b">=</span><span class="c">unix</span>';
    expect(markRange(html, 5, 10)).toBe(
      '<span class="a">index</span><span class="b"><mark>=</mark></span><span class="c"><mark>unix</mark></span>',
    );
  });

  it('counts an escaped character as one, and keeps the escape whole', () => {
    const html = '<span>a&#x3C;b</span>';
    expect(markRange(html, 1, 2)).toBe('<span>a<mark>&#x3C;</mark>b</span>');
    expect(markRange(html, 2, 3)).toBe('<span>a&#x3C;<mark>b</mark></span>');
  });

  it('leaves the line as it was for an empty range', () => {
    expect(markRange('<span>x</span>', 1, 1)).toBe('<span>x</span>');
  });
});

describe('changedSpan', () => {
  it('finds the differing middle of two versions of a line, widened to whole words', () => {
    expect(changedSpan('| search user=bob count', '| search user=alice count')).toEqual({
      before: [14, 17],
      after: [14, 19],
    });
    expect(changedSpan('foo bar', 'foo baz')).toEqual({ before: [4, 7], after: [4, 7] });
  });

  it('gives up when the lines share too little to be the same line edited', () => {
    expect(changedSpan('abc', 'xyz')).toBeNull();
    expect(changedSpan('| stats count by host', '| table _time user src dest action')).toBeNull();
  });
});
