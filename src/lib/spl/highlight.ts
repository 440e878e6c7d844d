import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { nextAged, readAged, writeAged, type AgedFile } from '../build/aged-cache';
import { basename, dirname, join, resolve } from 'node:path';
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import githubLight from 'shiki/themes/github-light-default.mjs';
import githubDark from 'shiki/themes/github-dark-default.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import json from 'shiki/langs/json.mjs';
import xml from 'shiki/langs/xml.mjs';
import grammar from './spl.tmLanguage.json';

/**
 * One Shiki highlighter per process, with our SPL grammar. Output uses dual themes through
 * CSS variables (`defaultColor: false`), switched by src/styles/code.css. Results are memoized
 * in memory and cached on disk so a warm rebuild skips Shiki for unchanged code.
 */
export const splGrammar = grammar as unknown as LanguageRegistration;
export type Lang = 'spl' | 'yaml' | 'json' | 'xml' | 'text';

/** Bump when the grammar or options change, so stale cached HTML is never reused. */
const CACHE_VERSION = `spl-${createHash('sha1').update(JSON.stringify(grammar)).digest('hex').slice(0, 8)}-shiki4-v5`;
const cacheFile = join(
  resolve(process.env.CATALOG_CACHE_DIR ?? join(process.cwd(), 'node_modules', '.cache', 'catalog-highlight')),
  `${CACHE_VERSION}.json`,
);

/**
 * The disk cache is one JSON file, read on first use and written once when the build ends
 * (`flushHighlightCache`, called by the integration): thousands of small cache files cost
 * more in file-system time than Shiki itself. Entries live while one of the last few builds
 * used them (src/lib/build/aged-cache.ts), so code that an incremental build did not render
 * stays cached.
 */
interface DiskCache {
  stored: AgedFile<string>;
  used: Map<string, string>;
  fresh: number;
}
const CACHE_KEY = Symbol.for('detection-catalog.highlight-cache');
function disk(): DiskCache {
  const g = globalThis as unknown as Record<symbol, DiskCache | undefined>;
  return (g[CACHE_KEY] ??= { stored: readAged<string>(cacheFile), used: new Map(), fresh: 0 });
}

/** Saves the cache when this process highlighted anything new; safe to call when it did not. */
export function flushHighlightCache(): void {
  const g = globalThis as unknown as Record<symbol, DiskCache | undefined>;
  const c = g[CACHE_KEY];
  if (!c || c.fresh === 0) return;
  try {
    writeAged(cacheFile, nextAged(c.stored, c.used));
    // Caches of other grammar or theme versions can never be read again.
    for (const f of readdirSync(dirname(cacheFile))) {
      if (f.startsWith('spl-') && f.endsWith('.json') && f !== basename(cacheFile)) rmSync(join(dirname(cacheFile), f), { force: true });
    }
  } catch {
    // An unwritable cache only costs speed.
  }
}

/**
 * GitHub's current (Primer) themes, whose colours pass WCAG AA on our code background; they give
 * `variable.other.*` no colour, so field names (`rule=`, `by user`) would read as plain text, and
 * ours take GitHub's own variable orange.
 */
type Theme = typeof githubLight;
const withFields = (theme: Theme, foreground: string): Theme => ({
  ...theme,
  tokenColors: [...(theme.tokenColors ?? []), { scope: ['variable.other.field.spl', 'variable.other.field.quoted.spl'], settings: { foreground } }],
});

let highlighter: Promise<HighlighterCore> | null = null;
function get(): Promise<HighlighterCore> {
  return (highlighter ??= createHighlighterCore({
    themes: [withFields(githubLight, '#953800'), withFields(githubDark, '#ffa657')],
    langs: [splGrammar, yaml, json, xml],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  }));
}

const memo = new Map<string, Promise<string>>();

/** Bracket nesting deeper than any real search (TextMate's rule stack makes it quadratic). */
export const MAX_NESTING = 64;

/** Content is untrusted: pathological input is shown as plain text instead of stalling the build. */
export function tooComplex(code: string): boolean {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 91 || c === 40) {
      if (++depth > MAX_NESTING) return true;
    } else if ((c === 93 || c === 41) && depth > 0) depth--;
  }
  return false;
}

/** `<pre class="shiki …"><code><span class="line">…` with the code HTML-escaped by Shiki. */
export function highlight(code: string, lang: Lang): Promise<string> {
  const memoKey = `${lang}\u0000${code}`;
  let p = memo.get(memoKey);
  if (!p) {
    p = (async () => {
      const key = createHash('sha1').update(memoKey).digest('base64');
      const cache = disk();
      const cached = Object.hasOwn(cache.stored.entries, key) ? cache.stored.entries[key].v : undefined;
      if (cached !== undefined) {
        cache.used.set(key, cached);
        return cached;
      }
      cache.fresh++;
      const h = await get();
      const html = h.codeToHtml(code, {
        lang: lang === 'text' || tooComplex(code) ? 'text' : lang,
        tokenizeMaxLineLength: 20000,
        themes: { light: 'github-light-default', dark: 'github-dark-default' },
        defaultColor: false,
      });
      cache.used.set(key, html);
      return html;
    })();
    memo.set(memoKey, p);
  }
  return p;
}

/** Token scopes of each line, for grammar tests. */
export async function tokenize(code: string): Promise<{ content: string; scopes: string[] }[][]> {
  const h = await get();
  const r = h.codeToTokens(code, { lang: 'spl', theme: 'github-light-default', includeExplanation: true });
  return r.tokens.map((line) =>
    line.flatMap((t) => (t.explanation ?? []).map((e) => ({ content: e.content, scopes: e.scopes.map((s) => s.scopeName) }))),
  );
}
