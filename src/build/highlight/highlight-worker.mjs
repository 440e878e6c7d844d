// Shiki in a worker thread, so a build highlights on a second core while the main thread
// renders pages. It knows nothing of its own: the highlighter setup (themes, languages) and the
// render options come from src/build/highlight/highlight.ts, so the HTML is exactly what it would make.
// It also keeps the build's disk cache of highlighted code (one large JSON file for a real corpus):
// reading and writing it here keeps both off the main thread. Plain JavaScript because Node
// starts it directly, outside Vite; the cache helpers are TypeScript with erasable types only,
// which Node loads as they are.
import { parentPort, workerData } from 'node:worker_threads';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { readAged } from '../../lib/aged-cache.ts';
import { saveHighlightCache } from './highlight-disk.ts';
import { styleToClassTransformer } from '../../domain/spl/shiki-classes.ts';

const { themes, langs, engine, options, cacheFile } = workerData;
const highlighter = await createHighlighterCore({ themes, langs, engine: createJavaScriptRegexEngine(engine) });
const stored = cacheFile ? readAged(cacheFile) : { run: 0, entries: {} };
const used = new Map();
let fresh = 0;

parentPort.on('message', (batch) => {
  if (!Array.isArray(batch)) {
    if (batch.save && cacheFile && fresh > 0 && saveHighlightCache(cacheFile, stored, used)) fresh = 0;
    parentPort.postMessage({ saved: true });
    return;
  }
  const out = [];
  for (const { id, code, lang, key } of batch) {
    if (key !== undefined && Object.hasOwn(stored.entries, key)) {
      const html = stored.entries[key].v;
      used.set(key, html);
      out.push({ id, html });
      continue;
    }
    try {
      const html = highlighter.codeToHtml(code, { ...options, lang, transformers: [styleToClassTransformer] });
      if (key !== undefined) {
        used.set(key, html);
        fresh++;
      }
      out.push({ id, html });
    } catch (e) {
      out.push({ id, error: String(e?.message ?? e) });
    }
  }
  parentPort.postMessage(out);
});
