import { Worker } from 'node:worker_threads';
import { readContentHistory, type ContentHistory, type HistoryOptions } from '../content/git-history.ts';
import type { DetectionHistoryView } from '../views/history.ts';

export type HistoryRead = ContentHistory | { unavailable: string };

export interface HistoryReading {
  history: Promise<HistoryRead>;
  /**
   * Each detection's History section by lowercase id, computed in the worker after the walk;
   * null when the worker could not do it (the pages then compute their own).
   */
  views: Promise<Map<string, DetectionHistoryView> | null>;
}

/**
 * The git history, read in a worker (src/build/history-worker.mjs) so the walk overlaps the
 * content load on the main thread and the diffs overlap the rendering. A worker that cannot
 * start or fails leaves the walk to this thread: the history then costs time, never the build.
 */
export function readHistoryOffThread(script: string, contentDir: string, options: HistoryOptions): HistoryReading {
  const here = () => readContentHistory(contentDir, options);
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { contentDir, options } });
  } catch {
    return { history: Promise.resolve(here()), views: Promise.resolve(null) };
  }
  let gotHistory: ((h: HistoryRead) => void) | null = null;
  let gotViews: ((v: Map<string, DetectionHistoryView> | null) => void) | null = null;
  const history = new Promise<HistoryRead>((r) => (gotHistory = r));
  const views = new Promise<Map<string, DetectionHistoryView> | null>((r) => (gotViews = r));
  const finish = () => {
    gotHistory?.(here());
    gotHistory = null;
    gotViews?.(null);
    gotViews = null;
    void worker.terminate();
  };
  worker.on('message', (m: { history?: HistoryRead; views?: Map<string, DetectionHistoryView> }) => {
    if (m.history) {
      gotHistory?.(m.history);
      gotHistory = null;
      // Without a history there are no views to wait for.
      if ('unavailable' in m.history) finish();
    } else if (m.views) {
      gotViews?.(m.views);
      gotViews = null;
      void worker.terminate();
    }
  });
  worker.once('error', finish);
  worker.once('exit', finish);
  // The worker must not keep a build that is done from exiting.
  worker.unref();
  return { history, views };
}
