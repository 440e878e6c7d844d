import { Worker } from 'node:worker_threads';
import { readContentHistory, type ContentHistory, type HistoryOptions } from '../content/git-history.ts';
import { prepareHistory, type HistoryHead, type PreparedHistory } from '../domain/history/catalog.ts';
import { historyViews, type HistoryViews } from '../views/history.ts';

export type HistoryRead = ContentHistory | HistoryHead | { unavailable: string };

export interface HistoryReading {
  /** The walk; without its entity tables when the worker made the timelines and views. */
  history: Promise<HistoryRead>;
  /** How long the read itself took (in the worker, beside the content load), once it is done. */
  ms: Promise<number>;
  /** The history's timelines and releases, made beside the walk; null when they were not. */
  prepared: Promise<PreparedHistory | null>;
  /**
   * Every History section (detections, stories, macros), computed in the worker after the walk;
   * null when the worker could not do it and handed over the whole walk (the pages then
   * compute their own).
   */
  views: Promise<HistoryViews | null>;
}

interface Message {
  history?: HistoryRead;
  prepared?: PreparedHistory;
  /** The history and timelines came without the parsed versions: the views must come too. */
  lean?: boolean;
  ms?: number;
  views?: HistoryViews;
}

/**
 * The git history, read in a worker (src/build/history-worker.mjs) so the walk overlaps the
 * content load on the main thread and the diffs overlap the rendering. A worker that cannot
 * start or fails leaves the work to this thread: the history then costs time, never the build.
 */
export function readHistoryOffThread(
  script: string,
  contentDir: string,
  options: HistoryOptions,
  /** Where the worker keeps the History sections between builds (src/build/history-views-cache.ts). */
  viewsCache: string | null = null,
): HistoryReading {
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
    worker = new Worker(script, { workerData: { contentDir, options, viewsCache } });
  } catch {
    return { history: Promise.resolve(here()), ms, prepared: Promise.resolve(null), views: Promise.resolve(null) };
  }
  let gotHistory: ((h: HistoryRead) => void) | null = null;
  let gotPrepared: ((p: PreparedHistory | null) => void) | null = null;
  let gotViews: ((v: HistoryViews | null) => void) | null = null;
  let lean = false;
  const history = new Promise<HistoryRead>((r) => (gotHistory = r));
  const prepared = new Promise<PreparedHistory | null>((r) => (gotPrepared = r));
  const views = new Promise<HistoryViews | null>((r) => (gotViews = r));
  const finish = () => {
    gotPrepared?.(null);
    gotPrepared = null;
    gotHistory?.(here());
    gotHistory = null;
    if (gotViews) {
      // The pages hold timelines without versions: their sections must be made here, from a
      // whole walk, or their diffs would be empty.
      const whole = lean ? here() : null;
      gotViews(whole && !('unavailable' in whole) ? historyViews(prepareHistory(whole)) : null);
      gotViews = null;
    }
    void worker.terminate();
  };
  worker.on('message', (m: Message) => {
    if (m.history) {
      took(m.ms ?? 0);
      lean = m.lean === true;
      gotPrepared?.(m.prepared ?? null);
      gotPrepared = null;
      gotHistory?.(m.history);
      gotHistory = null;
      // Without a history there are no views to wait for.
      if ('unavailable' in m.history) finish();
    } else if (m.views) {
      gotViews?.(m.views);
      gotViews = null;
      // It then writes its caches and ends by itself.
    }
  });
  worker.once('error', finish);
  worker.once('exit', finish);
  // The worker stays referenced until it ends: while the build awaits its messages, it may be
  // the only thing keeping the event loop alive, and an unreferenced worker would let Node exit
  // in the middle of the build, with status 0; after them, it writes the caches the next build
  // reads.
  return { history, ms, prepared, views };
}
