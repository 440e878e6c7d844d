import { Worker } from 'node:worker_threads';
import { readContentHistory, type ContentHistory, type HistoryOptions } from '../content/git-history.ts';
import type { PreparedHistory } from '../domain/history/catalog.ts';
import type { DetectionHistoryView } from '../views/history.ts';

export type HistoryRead = ContentHistory | { unavailable: string };

export interface HistoryReading {
  history: Promise<HistoryRead>;
  /** How long the read itself took (in the worker, beside the content load), once it is done. */
  ms: Promise<number>;
  /** The history's timelines and releases, made beside the walk; null when they were not. */
  prepared: Promise<PreparedHistory | null>;
  /**
   * Each detection's History section by lowercase id, computed in the worker after the walk;
   * null when the worker could not do it (the pages then compute their own).
   */
  views: Promise<Map<string, DetectionHistoryView> | null>;
}

interface Message {
  history?: HistoryRead;
  prepared?: PreparedHistory;
  ms?: number;
  views?: Map<string, DetectionHistoryView>;
}

/**
 * The git history, read in a worker (src/build/history-worker.mjs) so the walk overlaps the
 * content load on the main thread and the diffs overlap the rendering. A worker that cannot
 * start or fails leaves the walk to this thread: the history then costs time, never the build.
 */
export function readHistoryOffThread(script: string, contentDir: string, options: HistoryOptions): HistoryReading {
  let took: (ms: number) => void = () => undefined;
  const ms = new Promise<number>((r) => (took = r));
  const here = () => {
    const t0 = performance.now();
    const h = readContentHistory(contentDir, options);
    took(performance.now() - t0);
    return h;
  };
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { contentDir, options } });
  } catch {
    return { history: Promise.resolve(here()), ms, prepared: Promise.resolve(null), views: Promise.resolve(null) };
  }
  let gotHistory: ((h: HistoryRead) => void) | null = null;
  let gotPrepared: ((p: PreparedHistory | null) => void) | null = null;
  let gotViews: ((v: Map<string, DetectionHistoryView> | null) => void) | null = null;
  const history = new Promise<HistoryRead>((r) => (gotHistory = r));
  const prepared = new Promise<PreparedHistory | null>((r) => (gotPrepared = r));
  const views = new Promise<Map<string, DetectionHistoryView> | null>((r) => (gotViews = r));
  const finish = () => {
    gotPrepared?.(null);
    gotPrepared = null;
    gotHistory?.(here());
    gotHistory = null;
    gotViews?.(null);
    gotViews = null;
    void worker.terminate();
  };
  worker.on('message', (m: Message) => {
    if (m.history) {
      took(m.ms ?? 0);
      gotPrepared?.(m.prepared ?? null);
      gotPrepared = null;
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
  // The worker stays referenced until it has sent the views and is terminated: while the build
  // awaits its messages, it may be the only thing keeping the event loop alive, and an
  // unreferenced worker would let Node exit in the middle of the build, with status 0.
  return { history, ms, prepared, views };
}
