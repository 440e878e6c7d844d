import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { readAged, type AgedFile } from '../../lib/aged-cache.ts';
import { CACHE_PREFIX, saveHighlightCache } from './highlight-disk.ts';
import { join, resolve } from 'node:path';
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import githubLight from 'shiki/themes/github-light-default.mjs';
import githubDark from 'shiki/themes/github-dark-default.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import json from 'shiki/langs/json.mjs';
import xml from 'shiki/langs/xml.mjs';
import grammar from '../../domain/spl/spl.tmLanguage.json' with { type: 'json' };
import { styleToClassTransformer } from '../../domain/spl/shiki-classes.ts';
import { settings } from '../../lib/settings.ts';
import { currentSession } from '../session.ts';

/**
 * One Shiki highlighter per process, with our SPL grammar. Output uses dual themes through
 * CSS variables (`defaultColor: false`), set by classes rather than style attributes
 * (shiki-classes.ts, so the CSP needs no 'unsafe-inline') and switched by src/styles/code.css. Results are memoized
 * in memory and cached on disk so a warm rebuild skips Shiki for unchanged code.
 */
export const splGrammar = grammar as unknown as LanguageRegistration;
export type Lang = 'spl' | 'yaml' | 'json' | 'xml' | 'text';

/** Bump when the grammar or options change, so stale cached HTML is never reused. */
const CACHE_VERSION = `${CACHE_PREFIX}${createHash('sha1').update(JSON.stringify(grammar)).digest('hex').slice(0, 8)}-shiki4-v6`;
const cacheFile = join(
  resolve(settings().CATALOG_CACHE_DIR ?? join(process.cwd(), 'node_modules', '.cache', 'catalog-highlight')),
  `${CACHE_VERSION}.bin`,
);

/**
 * The disk cache is one JSON file, read on first use and written once when the build ends
 * (`flushHighlightCache`, called by the integration): thousands of small cache files cost
 * more in file-system time than Shiki itself. Entries live while one of the last few builds
 * used them (src/lib/aged-cache.ts), so code that an incremental build did not render
 * stays cached. In a build the worker keeps this cache (highlight-worker.mjs); this copy
 * serves dev and a build whose worker failed.
 */
interface DiskCache {
  stored: AgedFile<string>;
  used: Map<string, string>;
  fresh: number;
}
/** Kept in the build session (src/build/session.ts), so pages and the integration share it. */
export interface HighlightState {
  cache?: DiskCache;
  worker?: WorkerSlot;
}
/** Outside Astro (unit tests, scripts) there is no session: this module keeps its own. */
const standalone: HighlightState = {};
const state = (): HighlightState => currentSession()?.highlight ?? standalone;

function disk(): DiskCache {
  return (state().cache ??= { stored: readAged<string>(cacheFile), used: new Map(), fresh: 0 });
}

/**
 * Reads the disk cache now rather than on the first highlight: the dev server does it while it
 * waits on the first page's modules, instead of after them.
 */
export function preloadHighlightCache(): void {
  disk();
}

/**
 * Saves the cache when this process highlighted anything new; safe to call when it did not.
 * With a worker, the worker keeps the cache (it reads the file while this thread starts the
 * build, and writes it while this thread finishes it): resolves once it has written.
 */
export function flushHighlightCache(): Promise<void> {
  const r = remote();
  if (r) return r.save();
  const c = state().cache;
  if (c && c.fresh > 0) saveHighlightCache(cacheFile, c.stored, c.used);
  return Promise.resolve();
}

/**
 * GitHub's current (Primer) themes, whose colours pass WCAG AA on our code background; they give
 * `variable.other.*` no colour, so field names (`rule=`, `by user`) would read as plain text, and
 * ours take GitHub's own variable orange.
 */
type Theme = typeof githubLight;
const withFields = (theme: Theme, foreground: string): Theme => ({
  ...theme,
  tokenColors: [
    ...(theme.tokenColors ?? []),
    { scope: ['variable.other.field.spl', 'variable.other.field.quoted.spl'], settings: { foreground } },
  ],
});

const THEMES = [withFields(githubLight, '#953800'), withFields(githubDark, '#ffa657')];
const LANGS = [splGrammar, yaml, json, xml];
const ENGINE = { forgiving: true };
/** Sent to the worker as data, so without the transformer, which each side adds. */
const OPTIONS = {
  tokenizeMaxLineLength: 20000,
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: false,
} as const;

let highlighter: Promise<HighlighterCore> | null = null;
function get(): Promise<HighlighterCore> {
  return (highlighter ??= createHighlighterCore({
    themes: THEMES,
    langs: LANGS,
    engine: createJavaScriptRegexEngine(ENGINE),
  }));
}

/**
 * Shiki on a second core during a production build: the integration names the worker script
 * (`useHighlightWorker`), and every highlight not in the cache is sent there while the main
 * thread goes on rendering other pages. Requests are batched per tick. If the worker fails,
 * everything falls back to this thread.
 */
interface Remote {
  worker: Worker;
  pending: Map<number, { resolve: (html: string) => void; reject: (e: Error) => void }>;
  /** `key`: the disk-cache key, for the worker's cache; without one it only highlights. */
  queue: { id: number; code: string; lang: string; key?: string }[];
  next: number;
  save: () => Promise<void>;
}
type WorkerSlot = { script: string; remote?: Remote | null };

/**
 * Called by the integration for a build: highlight through the worker script at `script`,
 * started now so Shiki's setup there overlaps the rest of the build's start. `null` stops it.
 */
export function useHighlightWorker(script: string | null): void {
  const st = state();
  const old = st.worker?.remote;
  if (old) void old.worker.terminate();
  st.worker = script ? { script } : undefined;
  if (script) remote();
}

/** True while highlights go to a worker that has not failed. */
export function highlightWorkerRunning(): boolean {
  return !!state().worker?.remote;
}

function remote(): Remote | null {
  const slot = state().worker;
  if (!slot) return null;
  if (slot.remote !== undefined) return slot.remote;
  try {
    const worker = new Worker(slot.script, {
      workerData: { themes: THEMES, langs: LANGS, engine: ENGINE, options: OPTIONS, cacheFile },
    });
    let saved: (() => void) | null = null;
    const r: Remote = {
      worker,
      pending: new Map(),
      queue: [],
      next: 0,
      save: () =>
        new Promise<void>((resolve) => {
          saved = resolve;
          worker.ref();
          worker.postMessage({ save: true });
        }),
    };
    // Only outstanding requests keep the process alive.
    worker.unref();
    worker.on('message', (batch: { id: number; html?: string; error?: string }[] | { saved: true }) => {
      if (!Array.isArray(batch)) {
        saved?.();
        saved = null;
        if (r.pending.size === 0) worker.unref();
        return;
      }
      for (const m of batch) {
        const p = r.pending.get(m.id);
        r.pending.delete(m.id);
        if (m.html !== undefined) p?.resolve(m.html);
        else p?.reject(new Error(m.error ?? 'highlight failed'));
      }
      if (r.pending.size === 0) worker.unref();
    });
    const fail = (e: unknown) => {
      slot.remote = null;
      for (const p of r.pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
      r.pending.clear();
      // What the worker had cached is lost with it; the next build highlights it again.
      saved?.();
      saved = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`highlight worker exited with ${code}`)));
    slot.remote = r;
  } catch {
    slot.remote = null;
  }
  return slot.remote;
}

function highlightRemote(r: Remote, code: string, lang: string, key?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = r.next++;
    r.pending.set(id, { resolve, reject });
    if (r.queue.push(key === undefined ? { id, code, lang } : { id, code, lang, key }) === 1) {
      queueMicrotask(() => {
        const batch = r.queue.splice(0);
        r.worker.ref();
        r.worker.postMessage(batch);
      });
    }
  });
}

/** The language Shiki is asked for: pathological code is shown as text. */
const shikiLang = (code: string, lang: Lang) => (lang === 'text' || tooComplex(code) ? 'text' : lang);

/** Shiki's HTML for the code, through the worker when there is one; no cache. */
export async function renderHighlighted(code: string, lang: Lang): Promise<string> {
  const l = shikiLang(code, lang);
  const r = remote();
  if (r) {
    try {
      return await highlightRemote(r, code, l);
    } catch {
      // The worker failed: this thread does it.
    }
  }
  return (await get()).codeToHtml(code, { ...OPTIONS, lang: l, transformers: [styleToClassTransformer] });
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
      const r = remote();
      if (r) {
        try {
          return await highlightRemote(r, code, shikiLang(code, lang), key);
        } catch {
          // The worker failed: this thread highlights, with the cache read here.
        }
      }
      const cache = disk();
      const cached = Object.hasOwn(cache.stored.entries, key) ? cache.stored.entries[key].v : undefined;
      if (cached !== undefined) {
        cache.used.set(key, cached);
        return cached;
      }
      cache.fresh++;
      const html = await renderHighlighted(code, lang);
      cache.used.set(key, html);
      return html;
    })();
    memo.set(memoKey, p);
  }
  return p;
}

/**
 * The inner HTML of each line of the highlighted code, for views that lay lines out themselves
 * (a diff). Shiki puts every line in one `<span class="line">` and joins them with newlines, and
 * a newline never occurs inside a line's HTML.
 */
export async function highlightLines(code: string, lang: Lang): Promise<string[]> {
  const html = await highlight(code, lang);
  const inner = html.slice(html.indexOf('<code>') + '<code>'.length, html.lastIndexOf('</code>'));
  return inner.split('\n').map((line) => line.replace(/^<span class="line">/, '').replace(/<\/span>$/, ''));
}

/** Token scopes of each line, for grammar tests. */
export async function tokenize(code: string): Promise<{ content: string; scopes: string[] }[][]> {
  const h = await get();
  const r = h.codeToTokens(code, { lang: 'spl', theme: 'github-light-default', includeExplanation: true });
  return r.tokens.map((line) =>
    line.flatMap((t) =>
      (t.explanation ?? []).map((e) => ({ content: e.content, scopes: e.scopes.map((s) => s.scopeName) })),
    ),
  );
}

/** The light and dark themes as Shiki resolved them, for the class palette (shiki-classes.ts). */
export async function resolvedThemes() {
  const h = await get();
  return [h.getTheme(OPTIONS.themes.light), h.getTheme(OPTIONS.themes.dark)] as const;
}
