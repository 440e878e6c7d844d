import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlHtml, yamlTokens, type YamlKind } from '../../../src/lib/text/yaml-tokens';

const kinds = (line: { kind: YamlKind; value: string }[]) =>
  line.filter((t) => t.kind !== 'text').map((t) => `${t.kind}:${t.value.trim()}`);

describe('yamlTokens', () => {
  it('marks keys, strings, constants and comments', () => {
    const [a, b, c, d] = yamlTokens("name: 'Kubernetes Shell'\nversion: 3\nenabled: true # on\n# a comment");
    expect(kinds(a)).toEqual(['key:name', 'punct::', "string:'Kubernetes Shell'"]);
    expect(kinds(b)).toEqual(['key:version', 'punct::', 'const:3']);
    expect(kinds(c)).toEqual(['key:enabled', 'punct::', 'const:true', 'comment:# on']);
    expect(kinds(d)).toEqual(['comment:# a comment']);
  });

  it('follows list items, block scalars and quoted strings over several lines', () => {
    const lines = yamlTokens(
      "tags:\n  - name: x\n    search: |\n      | tstats count: 1\n      by host\nnext: 'two\n  lines'\nafter: 1",
    );
    expect(kinds(lines[1])).toEqual(['punct:-', 'key:name', 'punct::']);
    expect(kinds(lines[2])).toEqual(['key:search', 'punct::', 'punct:|']);
    expect(kinds(lines[3])).toEqual(['string:| tstats count: 1']);
    expect(kinds(lines[4])).toEqual(['string:by host']);
    expect(kinds(lines[6])).toEqual(["string:lines'"]);
    expect(kinds(lines[7])).toEqual(['key:after', 'punct::', 'const:1']);
  });

  it('does not end a quoted string at an escaped quote', () => {
    const lines = yamlTokens("a: 'it''s\n  still'\nb: \"say \\\"hi\n  there\"\nc: 1");
    expect(lines.map(kinds).map((k) => k[0])).toEqual(['key:a', "string:still'", 'key:b', 'string:there"', 'key:c']);
  });

  it('keeps markup as text and every character of the file', () => {
    const text = 'description: "<script>alert(1)</script>"\r\nname: <img src=x onerror=1>\n';
    const lines = yamlTokens(text);
    expect(lines.map((l) => l.map((t) => t.value).join('')).join('\n')).toBe(
      text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
    );
  });

  it('reproduces every sample content file exactly', () => {
    const root = join(process.cwd(), 'content', 'detections');
    for (const folder of readdirSync(root)) {
      for (const f of readdirSync(join(root, folder))) {
        const text = readFileSync(join(root, folder, f), 'utf8');
        expect(
          yamlTokens(text)
            .map((l) => l.map((t) => t.value).join(''))
            .join('\n'),
        ).toBe(text.replace(/\n$/, ''));
      }
    }
  });
});

describe('yamlHtml', () => {
  it('is the tokens as spans, every value escaped: a hostile file stays text', () => {
    const html = yamlHtml("name: '<img src=x onerror=alert(1)>'\n# </code><script>alert(1)</script> & more\nn: 3");
    expect(html).toBe(
      '<span class="k">name</span><span class="p">:</span> <span class="s">\'&lt;img src=x onerror=alert(1)&gt;\'</span>\n' +
        '<span class="m"># &lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</span>\n' +
        '<span class="k">n</span><span class="p">:</span> <span class="n">3</span>\n',
    );
    expect(html).not.toMatch(/<(?!\/?span)/);
  });

  it('keeps every character of the file, in order', () => {
    const text = "a: 1\n  - b: 'x'\n\tc: |\n   d & e < f\n";
    const back = yamlHtml(text)
      .replace(/<\/?span[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(back).toBe(text);
  });
});
