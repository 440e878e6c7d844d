import { describe, expect, it } from 'vitest';
import { blocks, richText, segments, snippet, tokenSegments } from '../../../src/lib/text/rich';

describe('blocks', () => {
  it('splits on blank lines', () => {
    expect(blocks('One.\n\nTwo.')).toEqual([
      { type: 'p', text: 'One.' },
      { type: 'p', text: 'Two.' },
    ]);
  });

  it('ends a paragraph at a single line break after a sentence, as the corpus writes them', () => {
    expect(blocks('First paragraph ends here.\nSecond one starts.')).toEqual([
      { type: 'p', text: 'First paragraph ends here.' },
      { type: 'p', text: 'Second one starts.' },
    ]);
  });

  it('joins a hard wrap in mid-sentence with a space', () => {
    expect(blocks('This analytic looks for\nprocesses that spawn a shell.')).toEqual([
      { type: 'p', text: 'This analytic looks for processes that spawn a shell.' },
    ]);
  });

  it('turns numbered and dashed lines into lists, with wrapped items continued', () => {
    expect(blocks('Review these:\n1. Country of origin\n2. Responsible\nparty\n- a\n- b')).toEqual([
      { type: 'p', text: 'Review these:' },
      { type: 'list', ordered: true, items: ['Country of origin', 'Responsible party'] },
      { type: 'list', ordered: false, items: ['a', 'b'] },
    ]);
  });

  it('starts a paragraph after a list item that ended a sentence', () => {
    expect(blocks('- Check the host.\nThen escalate.')).toEqual([
      { type: 'list', ordered: false, items: ['Check the host.'] },
      { type: 'p', text: 'Then escalate.' },
    ]);
  });

  it('handles CRLF line endings and empty input', () => {
    expect(blocks('A.\r\nB.')).toHaveLength(2);
    expect(blocks(null)).toEqual([]);
    expect(blocks('  \n \n')).toEqual([]);
  });
});

describe('segments', () => {
  it('links only http(s) URLs and keeps everything else as text', () => {
    const s = segments('See https://example.com/a_(b) and javascript:alert(1) or <script>x</script>.');
    expect(s.filter((x) => x.type === 'link').map((x) => x.value)).toEqual(['https://example.com/a_(b)']);
    expect(s.map((x) => x.value).join('')).toContain('<script>x</script>');
    expect(s.some((x) => x.type === 'link' && x.href.startsWith('javascript'))).toBe(false);
  });

  it('drops a closing parenthesis that the URL did not open', () => {
    expect(segments('(see https://example.com/x)').find((x) => x.type === 'link')!.value).toBe('https://example.com/x');
  });

  it('makes code spans of backticks', () => {
    expect(segments('use `sysmon` here')).toEqual([
      { type: 'text', value: 'use ' },
      { type: 'code', value: 'sysmon' },
      { type: 'text', value: ' here' },
    ]);
  });
});

describe('richText, tokens and snippets', () => {
  it('segments list items too', () => {
    const [list] = richText('- see https://example.com');
    expect(list).toMatchObject({
      type: 'list',
      items: [[{ type: 'text' }, { type: 'link', href: 'https://example.com' }]],
    });
  });

  it('marks $field$ tokens', () => {
    expect(tokenSegments('Shell on $dest$ by $user.name$')).toEqual([
      { type: 'text', value: 'Shell on ' },
      { type: 'token', value: 'dest' },
      { type: 'text', value: ' by ' },
      { type: 'token', value: 'user.name' },
    ]);
  });

  it('cuts snippets on a word boundary', () => {
    const s = snippet('word '.repeat(100), 40);
    expect(s.length).toBeLessThanOrEqual(41);
    expect(s.endsWith('…')).toBe(true);
  });
});
