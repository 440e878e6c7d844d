import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText } from '../../../src/lib/text/escape';

describe('escape', () => {
  it('makes markup characters text, and leaves other strings as they are', () => {
    expect(escapeText('<script>alert("x") & y</script>')).toBe('&lt;script&gt;alert("x") &amp; y&lt;/script&gt;');
    expect(escapeAttribute('" onmouseover="x" <b> & c')).toBe('&quot; onmouseover=&quot;x&quot; &lt;b&gt; &amp; c');
    const plain = 'https://example.org/a/b/?q=1';
    expect(escapeText(plain)).toBe(plain);
    expect(escapeAttribute(plain)).toBe(plain);
  });
});
