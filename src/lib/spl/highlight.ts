import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import githubLight from 'shiki/themes/github-light.mjs';
import githubDark from 'shiki/themes/github-dark.mjs';
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
const CACHE_VERSION = `spl-${createHash('sha1').update(JSON.stringify(grammar)).digest('hex').slice(0, 8)}-shiki4-v1`;
const cacheDir = resolve(process.env.CATALOG_CACHE_DIR ?? join(process.cwd(), 'node_modules', '.cache', 'catalog-highlight'));
let diskOk = true;

let highlighter: Promise<HighlighterCore> | null = null;
function get(): Promise<HighlighterCore> {
  return (highlighter ??= createHighlighterCore({
    themes: [githubLight, githubDark],
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

function readDisk(key: string): string | null {
  if (!diskOk) return null;
  try {
    return readFileSync(join(cacheDir, key.slice(0, 2), key), 'utf8');
  } catch {
    return null;
  }
}

function writeDisk(key: string, html: string) {
  if (!diskOk) return;
  try {
    const dir = join(cacheDir, key.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, html);
    renameSync(tmp, join(dir, key));
  } catch {
    // An unwritable cache only costs speed.
    diskOk = false;
  }
}

/** `<pre class="shiki …"><code><span class="line">…` with the code HTML-escaped by Shiki. */
export function highlight(code: string, lang: Lang): Promise<string> {
  const memoKey = `${lang}\u0000${code}`;
  let p = memo.get(memoKey);
  if (!p) {
    p = (async () => {
      const key = createHash('sha1').update(`${CACHE_VERSION}\u0000${memoKey}`).digest('hex');
      const cached = readDisk(key);
      if (cached !== null) return cached;
      const h = await get();
      const html = h.codeToHtml(code, {
        lang: lang === 'text' || tooComplex(code) ? 'text' : lang,
        tokenizeMaxLineLength: 20000,
        themes: { light: 'github-light', dark: 'github-dark' },
        defaultColor: false,
      });
      writeDisk(key, html);
      return html;
    })();
    memo.set(memoKey, p);
  }
  return p;
}

/** Token scopes of each line, for grammar tests. */
export async function tokenize(code: string): Promise<{ content: string; scopes: string[] }[][]> {
  const h = await get();
  const r = h.codeToTokens(code, { lang: 'spl', theme: 'github-light', includeExplanation: true });
  return r.tokens.map((line) =>
    line.flatMap((t) => (t.explanation ?? []).map((e) => ({ content: e.content, scopes: e.scopes.map((s) => s.scopeName) }))),
  );
}
