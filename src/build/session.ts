import { makeCatalog, type Catalog } from '../domain/catalog/index.ts';
import type { LoadedCatalog } from '../domain/catalog/load.ts';
import type { ContentHistory } from '../content/git-history.ts';
import type { DetectionHistoryView, HistoryKind, HistoryViews } from '../views/history.ts';
import type { HistoryHead, PreparedHistory } from '../domain/history/catalog.ts';
import type { HighlightState } from './highlight/highlight.ts';
import type { OutputFiles } from './output.ts';
import type { PageBuild } from './incremental.ts';

/**
 * Everything one Astro process keeps between its hooks and between the builds it runs: the
 * loaded content and the catalog pages read, the page record of an incremental build, the
 * output files, the highlighter's cache and worker, and where the detection API route hands its
 * records. The catalog integration (src/build/integration.ts) opens it when Astro starts and
 * closes it when a build ends; nothing else creates one.
 *
 * Astro evaluates the integration (with the config) and the pages (through Vite) as separate
 * module graphs, so the session lives in the one global slot below; both graphs reach it only
 * through `session()` and `currentSession()`.
 */
export class BuildSession {
  /** The highlighter's disk cache and worker (src/build/highlight/highlight.ts). */
  readonly highlight: HighlightState = {};
  /** Set for an incremental production build; absent in dev, where every page renders. */
  pageBuild: PageBuild | null = null;
  /** The files a build writes beside Astro's, set when the build starts. */
  output: OutputFiles | null = null;
  /** Takes `/api/detections.json`'s records so the per-detection files are written meanwhile. */
  detectionApiSink: ((records: readonly { id: string }[]) => void) | null = null;

  private loaded: LoadedCatalog | null = null;
  private made: { from: LoadedCatalog; catalog: Catalog } | null = null;
  private read: { history: ContentHistory | HistoryHead | null; why: string | null } | null = null;
  private prepared: PreparedHistory | null = null;
  private views: HistoryViews | null = null;
  private viewsReady: Promise<void> = Promise.resolve();
  private historyArrived: Promise<void> = Promise.resolve();
  private historyPending = false;

  readonly contentDir: string;
  /** Loads and checks the content (src/domain/catalog/load.ts), passed in so pages never bundle the loader. */
  private readonly load: () => LoadedCatalog;
  /** Reads the content's git history (src/content/git-history.ts), or says why there is none. */
  private readonly loadHistory: () => ContentHistory | { unavailable: string };
  constructor(
    contentDir: string,
    load: () => LoadedCatalog,
    loadHistory: () => ContentHistory | { unavailable: string } = () => ({ unavailable: 'history is not read here' }),
  ) {
    this.contentDir = contentDir;
    this.load = load;
    this.loadHistory = loadHistory;
  }

  /** The git history, read once per process; `why` says what stands in its way when it is null. */
  history(): { history: ContentHistory | HistoryHead | null; why: string | null } {
    if (this.historyPending)
      throw new Error('the git history is still being read elsewhere: await ready() before reading the catalog');
    if (!this.read) {
      const h = this.loadHistory();
      this.read = 'unavailable' in h ? { history: null, why: h.unavailable } : { history: h, why: null };
    }
    return this.read;
  }

  /**
   * Hands in a history read elsewhere (off the main thread, by the integration) before anything
   * reads it, with its timelines and releases when they were made there too (then the history
   * may come without its entity tables, and its History sections through `useHistoryViews`).
   */
  useHistory(h: ContentHistory | HistoryHead | { unavailable: string }, prepared: PreparedHistory | null = null): void {
    this.read = 'unavailable' in h ? { history: null, why: h.unavailable } : { history: h, why: null };
    this.prepared = prepared;
    this.made = null;
  }

  /**
   * A history still being read off the main thread: the build goes on (Vite bundles the pages)
   * meanwhile, and `ready` waits for it. Resolves once it is in use.
   */
  useHistoryLater(
    h: Promise<ContentHistory | HistoryHead | { unavailable: string }>,
    prepared: Promise<PreparedHistory | null>,
  ): Promise<void> {
    this.historyPending = true;
    this.historyArrived = Promise.all([h, prepared]).then(([x, p]) => {
      this.historyPending = false;
      this.useHistory(x, p);
    });
    return this.historyArrived;
  }

  /**
   * History sections computed off the main thread (src/build/history-read.ts); routes wait for
   * them (`ready`) before computing pages, and a page without one computes its own.
   */
  useHistoryViews(views: Promise<HistoryViews | null>): void {
    this.viewsReady = views.then((v) => {
      this.views = v;
    });
  }

  /** Resolves once the history and its precomputed views, if any are coming, have arrived. */
  async ready(): Promise<void> {
    await this.historyArrived;
    await this.viewsReady;
  }

  /**
   * A precomputed History section: a detection's by id in any case, a story's or macro's by its
   * key in the history (`historyKey`); undefined when none was computed here.
   */
  historyView(id: string, kind: HistoryKind = 'detections'): DetectionHistoryView | undefined {
    return this.views?.[kind].get(kind === 'detections' ? id.toLowerCase() : id);
  }

  /** The content as loaded and checked, once per process until it changes (`contentChanged`). */
  content(): LoadedCatalog {
    return (this.loaded ??= this.load());
  }

  /** What pages read: sorted lists, indexes and problems of the current load. */
  catalog(): Catalog {
    const loaded = this.content();
    if (this.made?.from !== loaded)
      this.made = { from: loaded, catalog: makeCatalog(loaded, this.history().history, this.prepared) };
    return this.made.catalog;
  }

  /** A build ended: what it kept for its hooks goes, the content and caches stay for the next. */
  endBuild(): void {
    this.pageBuild = null;
    this.output = null;
    this.detectionApiSink = null;
  }

  /** Dev: the content after an edit, loaded from the previous load by the caller (`reloadCatalog`). */
  contentReplaced(content: LoadedCatalog): void {
    this.loaded = content;
  }

  /** Dev: a content file changed, the next read loads again. */
  contentChanged(): void {
    this.loaded = null;
  }
}

const SLOT = Symbol.for('detection-catalog.session');
const slot = globalThis as unknown as Record<symbol, BuildSession | undefined>;

/** Makes `s` the session of this process (the integration's `astro:config:setup`). */
export function openSession(s: BuildSession): BuildSession {
  slot[SLOT] = s;
  return s;
}

/** The session, or null outside Astro (unit tests, scripts). */
export function currentSession(): BuildSession | null {
  return slot[SLOT] ?? null;
}

export function session(): BuildSession {
  const s = slot[SLOT];
  if (!s)
    throw new Error('no build session in this process: the detection-catalog integration opens it when Astro starts');
  return s;
}

/** The catalog of this process's content, once its history is in; every page reads content through it. */
export async function catalog(): Promise<Catalog> {
  await session().ready();
  return session().catalog();
}
