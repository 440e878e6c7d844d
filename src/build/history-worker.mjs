// Reads the content's git history in a worker thread, so the walk (git's output, thousands of
// YAML versions parsed) runs on the second core while the main thread loads the content. Then,
// while the main thread starts rendering, it computes each detection's History section (its
// diffs), which the pages would otherwise compute on the main thread.
// Plain JavaScript because Node starts it directly, outside Vite; the modules it imports are
// TypeScript with erasable types only, which Node loads as they are.
import { parentPort, workerData } from 'node:worker_threads';
import { readContentHistory } from '../content/git-history.ts';
import { entityTimeline } from '../domain/history/index.ts';
import { historySince } from '../domain/history/catalog.ts';
import { detectionHistoryView } from '../views/history.ts';

const t0 = performance.now();
const history = readContentHistory(workerData.contentDir, workerData.options);
parentPort.postMessage({ history, ms: performance.now() - t0 });
if (!('unavailable' in history)) {
  const since = historySince(history);
  const views = new Map();
  for (const [id, h] of Object.entries(history.detections))
    views.set(id, detectionHistoryView(entityTimeline(h), since));
  parentPort.postMessage({ views });
}
