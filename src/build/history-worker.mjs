// Reads the content's git history in a worker thread, so the walk (git's output, thousands of
// YAML versions parsed), the timelines and the release notes are made on the second core while
// the main thread loads the content. Then, while the main thread starts rendering, it computes
// every History section (detections, stories, macros: their diffs), which the pages would
// otherwise compute; so the main thread gets the walk without the parsed versions, which only
// the diffs read and which were most of what crossed over.
// Plain JavaScript because Node starts it directly, outside Vite; the modules it imports are
// TypeScript with erasable types only, which Node loads as they are.
import { parentPort, workerData } from 'node:worker_threads';
import { readContentHistory } from '../content/git-history.ts';
import { prepareHistory, withoutVersions } from '../domain/history/catalog.ts';
import { historyViews } from '../views/history.ts';
import { openHistoryViewsCache } from './history-views-cache.ts';

const t0 = performance.now();
let writeCache = () => undefined;
const history = readContentHistory(workerData.contentDir, {
  ...workerData.options,
  deferCacheWrite: (write) => (writeCache = write),
});
if ('unavailable' in history) parentPort.postMessage({ history, ms: performance.now() - t0 });
else {
  const prepared = prepareHistory(history);
  const lean = withoutVersions(history, prepared);
  // The timelines and releases go with the walk in one message, so they share its objects.
  parentPort.postMessage({ history: lean.head, prepared: lean.prepared, lean: true, ms: performance.now() - t0 });
  const cache = workerData.viewsCache ? openHistoryViewsCache(workerData.viewsCache, prepared.since) : null;
  const views = historyViews(prepared, cache?.kept);
  parentPort.postMessage({ views });
  // The caches are written once the main thread has all it waits for: pages wait for the views.
  writeCache();
  cache?.write(views);
}
