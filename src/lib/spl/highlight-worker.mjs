// Shiki in a worker thread, so a build highlights on a second core while the main thread
// renders pages. It knows nothing of its own: the highlighter setup (themes, languages) and the
// render options come from src/lib/spl/highlight.ts, so the HTML is exactly what it would make.
// Plain JavaScript because Node starts it directly, outside Vite.
import { parentPort, workerData } from 'node:worker_threads';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

const { themes, langs, engine, options } = workerData;
const highlighter = await createHighlighterCore({ themes, langs, engine: createJavaScriptRegexEngine(engine) });

parentPort.on('message', (batch) => {
  const out = [];
  for (const { id, code, lang } of batch) {
    try {
      out.push({ id, html: highlighter.codeToHtml(code, { ...options, lang }) });
    } catch (e) {
      out.push({ id, error: String(e?.message ?? e) });
    }
  }
  parentPort.postMessage(out);
});
