import type { AstroIntegration } from 'astro';
import { existsSync, lstatSync, readFileSync, statSync, watch } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarize } from '../content/problems.ts';
import { publishedJson, terminalSafe } from '../lib/text/clean.ts';
import { readSettings } from '../content/content-dir.ts';
import { forDeployment, settings, toolEnv } from '../lib/settings.ts';
import { loadCatalog, reloadCatalog } from '../domain/catalog/load.ts';
import { BuildSession, openSession } from './session.ts';
import { readContentHistory, type ContentHistory } from '../content/git-history.ts';
import { readHistoryOffThread } from './history-read.ts';
import type { HistoryHead } from '../domain/history/catalog.ts';
import {
  LEGACY_FOLDERS,
  legacyFoldersHoldOnlyDetections,
  legacyRedirects,
  redirectFiles,
  type Redirect,
} from '../domain/urls/redirects.ts';
import { inSitemap, sitemapFiles } from '../domain/export/sitemap.ts';
import { flushHighlightCache, preloadHighlightCache, useHighlightWorker } from './highlight/highlight.ts';
import { OutputFiles, readOutputRecord, writeOutputRecord } from './output.ts';
import { caseCollisions } from './case-collisions.ts';
import { codeFingerprint, globalFingerprint, loaderFingerprint, pageFile, PageBuild } from './incremental.ts';
import { href } from '../domain/urls/index.ts';
import { createHash } from 'node:crypto';
import { headersFile } from '../domain/export/headers.ts';
import { CONTENT_SECURITY_POLICY } from '../lib/site.ts';
import { KINDS } from '../content/kinds.ts';
import { flushOutput, printAnnotations, writeReports } from './report.ts';
import { devResponse, DevFeedback } from './dev.ts';
import { quietLog } from './quiet-log.ts';
import { importClosure } from './warmup.ts';

/** The page an author opens first, and the bench times: its modules are warmed in dev. */
const DEV_WARMUP_PAGE = 'src/pages/[folder]/[id].astro';

/**
 * Loads and checks the content before Astro renders anything: a default build with errors
 * stops here with every error listed (no stack trace), a lenient build goes on without the
 * broken entries. The summary is printed again at the end and written to content-report.json.
 */
export function catalogIntegration(): AstroIntegration {
  let contentDir = '';
  let root = '';
  let outDir = '';
  const incremental = settings().CATALOG_INCREMENTAL;
  // Opened when Astro starts: what the build keeps between these hooks (src/build/session.ts).
  let session: BuildSession | null = null;
  const open = () => session!;
  // Files written while Astro renders, awaited when the build ends.
  let redirects: Redirect[] = [];
  let earlyRedirects: { files: ReadonlySet<string>; done: Promise<number> } | null = null;
  let redirectsMade: Promise<void> = Promise.resolve();
  let apiWrites: Promise<number> | null = null;
  let routesAllowEarlyRedirects = false;
  let buildFingerprint = '';
  let lenient = false;
  let base = '/';
  let site = 'http://127.0.0.1:4321';
  // What the last build into this folder left there, when its record holds (same code and settings).
  let previousProduced: string[] | undefined;
  return {
    name: 'detection-catalog',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        if (command === 'build' && settings().CATALOG_LOG === 'quiet' && !process.argv.includes('--verbose'))
          quietLog(process.stdout, { tty: process.stdout.isTTY === true && !settings().CI });
        ({ contentDir, lenient } = readSettings(fileURLToPath(config.root)));
        base = config.base;
        site = config.site ?? site;
        root = fileURLToPath(config.root);
        if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
          logger.error(
            `CONTENT_DIR ${terminalSafe(contentDir)} is not a folder. Point CONTENT_DIR at a security_content checkout.`,
          );
          process.exit(1);
        }
        if (command === 'build' && forDeployment(settings()) && settings().unset.includes('SITE_URL')) {
          logger.warn(
            `SITE_URL is not set: canonical links, feeds, the sitemap and Navigator layer links point at ${site}. Set SITE_URL to the address the site is published at.`,
          );
        }
        if (command === 'build' && forDeployment(settings()) && settings().unset.includes('REPO_URL')) {
          logger.warn(
            `REPO_URL is not set: "view source" and "report an issue" links point at ${settings().REPO_URL}. A fork sets REPO_URL and REPO_BRANCH to its own repository (docs/for-content-teams.md).`,
          );
        }
        // Dev: the detection page's modules are compiled while the server starts, not on the
        // first request, which would otherwise discover them one import at a time. Not for a
        // build: its type generation starts a Vite server of its own, which would compile them.
        if (command === 'dev')
          updateConfig({ vite: { server: { warmup: { ssrFiles: importClosure(root, [DEV_WARMUP_PAGE]) } } } });
        const code = codeFingerprint(root);
        buildFingerprint = globalFingerprint(root, settings(), code);
        // Parsing depends on the loader's code alone: one cache serves every content folder and setting.
        const yamlCacheFile = !incremental
          ? null
          : join(root, 'node_modules', '.cache', 'catalog-yaml', `${loaderFingerprint(root)}.json`);
        const dir = contentDir;
        const historyOptions = {
          cacheDir: incremental ? join(root, 'node_modules', '.cache', 'catalog-history') : null,
          env: toolEnv(),
        };
        // The walk runs on the second core while this thread loads the content.
        const t1 = performance.now();
        const historyRead = settings().CATALOG_HISTORY
          ? readHistoryOffThread(
              join(root, 'src', 'build', 'history-worker.mjs'),
              dir,
              historyOptions,
              incremental ? join(root, 'node_modules', '.cache', 'catalog-history', `views-${code}.bin`) : null,
            )
          : null;
        session = openSession(
          new BuildSession(
            dir,
            () => loadCatalog(dir, { yamlCacheFile, parseWorker: join(root, 'src', 'content', 'yaml-worker.mjs') }),
            () =>
              settings().CATALOG_HISTORY
                ? readContentHistory(dir, historyOptions)
                : { unavailable: 'CATALOG_HISTORY is off' },
          ),
        );
        const t0 = performance.now();
        const cat = session.content();
        const ms = Math.round(performance.now() - t0);
        const s = summarize(cat.problems);
        logger.info(
          `loaded ${cat.files} files from ${terminalSafe(contentDir)} in ${ms} ms: ${KINDS.map((k) => `${cat[k.key].length} ${k.label.many}`).join(', ')}`,
        );
        // The history is read beside the load and Vite's bundling; pages wait for it (`ready`).
        const tell = ({ history, why }: { history: ContentHistory | HistoryHead | null; why: string | null }) => {
          if (history)
            logger.info(
              `history: ${history.commits.length} commits and ${history.releases.length} releases from ${history.read.from} in ${Math.round(historyMs)} ms (beside the load and the bundling; here ${Math.round(performance.now() - t1)} ms after the start)`,
            );
          else logger.info(`no history pages: ${terminalSafe(why ?? '')}`);
        };
        let historyMs = 0;
        if (historyRead) {
          const reading = session;
          historyRead.ms.then((m) => (historyMs = m)).catch(() => undefined);
          reading
            .useHistoryLater(historyRead.history, historyRead.prepared)
            .then(() => tell(reading.history()))
            .catch(() => undefined);
          reading.useHistoryViews(historyRead.views);
        } else tell(session.history());
        if (command === 'build' && s.errors > 0 && !lenient) {
          // The report is written even when the build stops, so tools can read every problem.
          const out = fileURLToPath(config.outDir);
          writeReports(out, cat, contentDir, root, lenient);
          printAnnotations(cat, contentDir, root);
          console.error(`\n${formatSummary(cat.problems, { listErrors: true })}\n`);
          console.error(`Full list: ${join(out, 'content-report.json')}`);
          console.error(
            'Build stopped: fix the errors above, or build with CATALOG_LENIENT=1 to publish every valid entry and skip the broken ones.\n',
          );
          // Hundreds of annotations overfill a pipe that is read slowly: exiting before they are
          // written would cut them off.
          await flushOutput();
          process.exit(1);
        }
        if (s.errors > 0)
          logger.warn(
            `${s.errors} content error(s): the broken entries are left out (${command === 'dev' ? 'each is shown on its page and on /health/' : 'lenient mode'})`,
          );
        if (command === 'build') useHighlightWorker(join(root, 'src', 'build', 'highlight', 'highlight-worker.mjs'));
      },
      'astro:server:setup': ({ server, logger }) => {
        // Content problems where the author looks: the terminal (src/build/dev.ts), the
        // broken file's own page, /health/ and the reports, all from the current load.
        const dev = new DevFeedback(contentDir);
        const tell = (lines: string[]) => {
          for (const l of lines) {
            if (l.startsWith('error')) logger.error(l);
            else if (l.startsWith('warning')) logger.warn(l);
            else logger.info(l);
          }
        };
        const current = () => {
          const cat = open().content();
          tell(dev.observe(cat));
          return cat;
        };
        current();
        // The catalog's indexes, which every page reads, are made while the server waits for
        // (or loads the modules of) its first request, not after; so is the highlight cache
        // read, which the first page would otherwise do at its end.
        server.httpServer?.once('listening', () =>
          setTimeout(() => {
            open()
              .ready()
              .then(() => open().catalog())
              // The page that reads the catalog shows the error.
              .catch(() => undefined)
              .then(() => setTimeout(preloadHighlightCache, 0));
          }, 0),
        );
        server.middlewares.use((req, res, next) => {
          const served = devResponse(req.url ?? '/', base, dev, current, contentDir, root, lenient);
          if (!served) return next();
          res.statusCode = served.status;
          res.setHeader('Content-Type', served.type);
          res.end(served.body);
        });
        // A content edit loads the content again and reloads the pages showing it. Editors
        // save in several steps (write, rename): one load for a burst of events.
        // Node's own recursive watcher rather than Vite's: Vite's walks and stats every file of
        // the folder on the main thread while the server starts (thousands in a real content
        // repository); this one watches folders. Vite's watcher leaves the content folder
        // alone (astro.config.mjs).
        let pending: ReturnType<typeof setTimeout> | null = null;
        const changed = new Set<string>();
        const watcher = watch(contentDir, { recursive: true }, (event, name) => {
          if (!name) return;
          const file = name.split(sep).join('/');
          // An editor that saves by renaming a new copy over the file still changed that file;
          // a file gone or made is a change of the whole content.
          const edited = event === 'change' || lstatSync(join(contentDir, name), { throwIfNoEntry: false })?.isFile();
          changed.add(edited ? file : '');
          logger.info(`content changed: ${terminalSafe(file)}`);
          if (pending) clearTimeout(pending);
          pending = setTimeout(() => {
            pending = null;
            const files = [...changed];
            changed.clear();
            // One edited file that keeps its entry's id, name and URL is read and checked alone.
            const s = open();
            const next = files.length === 1 && files[0] ? reloadCatalog(contentDir, s.content(), files[0]) : null;
            if (next) s.contentReplaced(next);
            else s.contentChanged();
            current();
            // The event Astro's dev server clears its getStaticPaths cache on, then a page reload.
            for (const env of Object.values(server.environments))
              if (env.name !== 'client') env.hot.send('astro:content-changed', {});
            server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
          }, 30);
        });
        watcher.on('error', (e) => logger.warn(`content folder no longer watched: ${terminalSafe(e.message)}`));
        server.httpServer?.once('close', () => watcher.close());
      },
      'astro:routes:resolved': ({ routes }) => {
        routesAllowEarlyRedirects = legacyFoldersHoldOnlyDetections(routes);
      },
      'astro:config:done': ({ config }) => {
        // The final output folder (a --outDir flag included): the output record is kept per folder.
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ logger }) => {
        // A little slack: file-system timestamps may trail the wall clock by a tick.
        const since = Date.now() - 50;
        const previous = incremental ? readOutputRecord(recordFile(root, outDir), buildFingerprint) : null;
        const s = open();
        const files = (s.output = new OutputFiles(since, previous?.files));
        previousProduced = previous?.produced;
        if (incremental) {
          s.pageBuild = new PageBuild(outDir, buildFingerprint, previous?.pages ?? null);
          logger.info(
            previous
              ? 'incremental: pages unchanged since the last build into this folder are kept'
              : 'incremental: no record of a previous build into this folder',
          );
        }
        redirects = [];
        earlyRedirects = null;
        apiWrites = null;
        // Removed detections keep their old aliases, so the redirects wait for the history, which
        // is still being read while Vite bundles. Creating thousands of small files is
        // file-system latency: these go to the file-system threads then and overlap the
        // rendering instead of following it.
        redirectsMade = s.ready().then(() => {
          const cat = s.content();
          const removed = s.catalog().history?.removed.map((r) => r.detection) ?? [];
          // The content's own come first and win.
          redirects = legacyRedirects([...cat.detections, ...removed], cat.playbooks);
          if (!routesAllowEarlyRedirects) return;
          const now = redirectFiles(
            redirects.filter((r) => LEGACY_FOLDERS.includes(r.from.split('/')[0])),
            outDir,
            base,
            site,
            new Set(),
          ).files;
          const done = files.writeAll(now);
          // Awaited when the build ends; until then a failure must not count as unhandled.
          done.catch(() => undefined);
          earlyRedirects = { files: new Set(now.map(([f]) => f)), done };
          logger.info(
            `${now.length} legacy redirect pages are written while the pages render (those unchanged are left alone)`,
          );
        });
        redirectsMade.catch(() => undefined);
        s.detectionApiSink = (records) => {
          apiWrites = writeDetectionApis(outDir, files, records);
          apiWrites.catch(() => undefined);
        };
      },
      'astro:build:done': async ({ dir, pages, assets, logger }) => {
        // The worker writes its cache while this hook does the rest.
        const highlights = flushHighlightCache().finally(() => useHighlightWorker(null));
        await redirectsMade;
        const s = open();
        const cat = s.content();
        const out = fileURLToPath(dir);
        const files = s.output ?? new OutputFiles(0);
        const pageBuild = s.pageBuild;
        // Astro's files of this build and every page, rendered or kept from the last build: none
        // may be pruned, and a page wins over a redirect at its path.
        for (const urls of assets.values()) for (const u of urls) files.kept.add(fileURLToPath(u));
        const kept = [...(pageBuild?.kept ?? [])];
        const pageFiles = new Set([
          ...pages.map((p) => pageFile(out, p.pathname)),
          ...kept.map((p) => pageFile(out, p)),
        ]);
        for (const f of pageFiles) files.kept.add(f);
        if (pageBuild)
          logger.info(
            `incremental: ${pageBuild.next.size - kept.length} pages rendered, ${kept.length} kept as they were`,
          );
        writeReports(out, cat, contentDir, root, lenient, files);
        files.write(join(out, '_headers'), headersFile(base, CONTENT_SECURITY_POLICY));
        const apis = await (apiWrites ?? writeDetectionApis(out, files, readDetectionsList(out)));
        await earlyRedirects?.done;
        logger.info(`${apis} per-detection API files`);
        const n = await writeRedirects(
          out,
          redirects,
          base,
          site,
          files,
          pageFiles,
          earlyRedirects?.files ?? new Set(),
        );
        logger.info(`${n} legacy redirect pages and _redirects`);
        // Every HTML page of this build, rendered or kept (src/domain/export/sitemap.ts).
        const htmlPaths = [...pages.map((p) => p.pathname.replace(/^\/+/, '')), ...kept].filter(
          (p) => (p === '' || p.endsWith('/')) && inSitemap(p),
        );
        await files.writeAll(
          sitemapFiles(
            htmlPaths.map((p) => new URL(href(p, base), site).href),
            new URL(href('', base), site).href,
          ).map(([name, xml]) => [join(out, name), xml]),
        );
        const { removed: pruned, produced } = files.prune(out, previousProduced);
        if (incremental) {
          writeOutputRecord(
            recordFile(root, out),
            {
              version: 3,
              global: buildFingerprint,
              files: Object.fromEntries(files.records),
              pages: pageBuild?.records() ?? {},
              produced,
            },
            resolve(out),
          );
        }
        await highlights;
        s.endBuild();
        logger.info(`${files.unchanged} files unchanged since the last build, ${pruned} stale files removed`);
        printAnnotations(cat, contentDir, root);
        console.log(`\n${formatSummary(cat.problems, { listErrors: lenient })}`);
        console.log(`Full list: ${join(out, 'content-report.json')} (SARIF: content-report.sarif)`);
        // Last, over everything the folder now holds: a case-insensitive host must get every file.
        const outRoot = resolve(out);
        const clashes = caseCollisions(produced.map((f) => relative(outRoot, f).split(sep).join('/')));
        if (clashes.length) {
          console.error(
            `\nBuild failed: ${clashes.length} output path(s) differ from another only in case, so a case-insensitive host would keep one of each pair:`,
          );
          for (const [a, b] of clashes.slice(0, 50)) console.error(`  ${a}  ${b}`);
          process.exit(1);
        }
      },
    },
  };
}

/** Where the output record of the last build into `outDir` is kept (outside the published folder). */
function recordFile(root: string, outDir: string): string {
  const key = createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 16);
  return join(root, 'node_modules', '.cache', 'catalog-outputs', `${key}.json`);
}

function readDetectionsList(out: string): { id: string }[] {
  const list = join(out, 'api', 'detections.json');
  return existsSync(list)
    ? (JSON.parse(readFileSync(list, 'utf8')) as { detections: { id: string }[] }).detections
    : [];
}

/** `/api/detections/<id>.json`: each element of `/api/detections.json` on its own. */
async function writeDetectionApis(
  out: string,
  files: OutputFiles,
  detections: readonly { id: string }[],
): Promise<number> {
  const dir = join(out, 'api', 'detections');
  const entries: [string, string][] = [];
  for (const d of detections) {
    // Ids were validated as UUIDs; the check keeps a file name from ever being a path.
    if (!/^[0-9a-f-]+$/i.test(d.id)) continue;
    entries.push([join(dir, `${d.id}.json`), publishedJson(d, 1)]);
  }
  await files.writeAll(entries);
  return entries.length;
}

/**
 * Old research.splunk.com URLs: a meta-refresh page for each, plus a `_redirects` file for
 * hosts that honour one. Written directly (not rendered by Astro) because there are several
 * per detection; every target path is checked to stay inside the output folder.
 */
async function writeRedirects(
  out: string,
  redirects: readonly Redirect[],
  base: string,
  site: string,
  files: OutputFiles,
  pageFiles: ReadonlySet<string>,
  written: ReadonlySet<string>,
): Promise<number> {
  const plan = redirectFiles(redirects, out, base, site, pageFiles);
  await files.writeAll(plan.files.filter(([f]) => !written.has(f)));
  files.write(join(resolve(out), '_redirects'), plan.rules);
  return plan.files.length;
}
