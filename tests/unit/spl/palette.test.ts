import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHighlighted, resolvedThemes } from '../../../src/build/highlight/highlight';
import { paletteCss, styleClasses, stylesToClasses } from '../../../src/domain/spl/shiki-classes';
import { SEARCHES } from './searches';

const PALETTE = join(import.meta.dirname, '..', '..', '..', 'src', 'styles', 'shiki-palette.css');

/** Code in every language the site highlights, touching every scope our grammar has. */
const SAMPLES: [string, 'spl' | 'yaml' | 'json' | 'xml' | 'text'][] = [
  ...Object.values(SEARCHES).map((s) => [s, 'spl'] as [string, 'spl']),
  [
    '| makeresults ``` a comment ``` | eval x="a\\"b", y=\'f\' | where $tok.x$="%original_detection_search%" | stats count by x',
    'spl',
  ],
  ['name: x # comment\nlist: [1, 2.5, true, null]\nmulti: |\n  text\nanchor: &a {k: "v"}\nref: *a\n', 'yaml'],
  ['{"a": [1, "b", true, null, -2e3], "c": {"d": false}}', 'json'],
  ['<?xml version="1.0"?><!-- c --><a b="c">&amp;<![CDATA[x]]></a>', 'xml'],
  ['<script>alert(1)</script>', 'text'],
  [`${'('.repeat(200)}index=main${')'.repeat(200)}`, 'spl'],
];

describe('Shiki colours as classes', () => {
  it('src/styles/shiki-palette.css is the palette of the themes in use (UPDATE_PALETTE=1 rewrites it)', async () => {
    const [light, dark] = await resolvedThemes();
    const css = paletteCss(light, dark);
    if (process.env.UPDATE_PALETTE === '1') writeFileSync(PALETTE, css);
    expect(existsSync(PALETTE)).toBe(true);
    expect(readFileSync(PALETTE, 'utf8')).toBe(css);
  });

  it('no highlighted output has a style attribute, and every class it uses is in the palette', async () => {
    const css = readFileSync(PALETTE, 'utf8');
    const defined = new Set([...css.matchAll(/\.shiki \.([\w-]+)/g)].map((m) => m[1]));
    const used = new Set<string>();
    for (const [code, lang] of SAMPLES) {
      const html = await renderHighlighted(code, lang);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).toMatch(/class="[^"]*\bcl-[0-9a-f]{6}\b/);
      for (const m of html.matchAll(/class="([^"]*)"/g))
        for (const c of m[1].split(' ')) if (/^[cfwt][ld]-/.test(c)) used.add(c);
    }
    expect([...used].filter((c) => !defined.has(c))).toEqual([]);
    // Both themes' colours for keywords, strings and fields.
    expect(used.size).toBeGreaterThan(12);
  });

  it('maps each declaration to a stable class and drops the ones code.css covers', () => {
    expect(styleClasses('--shiki-light:#CF222E;--shiki-dark:#FF7B72')).toEqual(['cl-cf222e', 'cd-ff7b72']);
    expect(
      styleClasses(
        '--shiki-light:#82071E;--shiki-light-font-style:italic;--shiki-dark:#FFA198;--shiki-dark-font-style:italic',
      ),
    ).toEqual(['cl-82071e', 'fl-italic', 'cd-ffa198', 'fd-italic']);
    expect(styleClasses('--shiki-light-bg:#fff;--shiki-dark-bg:#0d1117;color:red;background:url(x)')).toEqual([]);
    expect(styleClasses('--shiki-light: </style><script>')).toEqual(['cl-_style_script_']);
  });

  it('replaces style on every element and keeps existing classes', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'element',
          properties: { class: 'shiki', style: '--shiki-light-bg:#fff' },
          children: [{ type: 'element', properties: { class: ['line'], style: '--shiki-light:#1F2328' } }],
        },
      ],
    };
    stylesToClasses(tree);
    expect(JSON.stringify(tree)).not.toContain('style');
    expect(tree.children[0].properties).toEqual({ class: 'shiki' });
    expect(tree.children[0].children[0].properties).toEqual({ class: 'line cl-1f2328' });
  });
});
