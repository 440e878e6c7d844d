import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { EVERY_KIND, pageOf } from '../content/kinds.ts';
import { formatProblem, problemKey, type Problem } from '../content/problems.ts';
import type { LoadedCatalog } from '../domain/catalog/load.ts';
import { escapeAttribute, escapeText } from '../lib/text/escape.ts';
import { publishedJson } from '../lib/text/clean.ts';
import { reportJson, reportSarif } from './report.ts';

/**
 * What the dev server tells a content author: which problems appeared or went away since the
 * last load (one terminal line each), and which page URL belongs to which file, so that a
 * broken file's own page shows its errors instead of the 404 page.
 */
export class DevFeedback {
  /** Site path (`endpoint/<id>/`, no base) → content file, from every load of this process. */
  private readonly pages = new Map<string, string>();
  private known = new Map<string, Problem>();
  private errorsByFile = new Map<string, Problem[]>();
  private readonly contentDir: string;
  private last: LoadedCatalog | null = null;

  constructor(contentDir: string) {
    this.contentDir = contentDir;
  }

  /**
   * Takes a new load; returns the terminal lines for what changed: each new problem, and a
   * "fixed" line for each one gone; nothing for the load it saw last. The first load reports
   * its errors only (a corpus has hundreds of warnings; /health/ lists them).
   */
  observe(cat: LoadedCatalog): string[] {
    if (cat === this.last) return [];
    this.last = cat;
    const first = this.known.size === 0 && this.errorsByFile.size === 0 && this.pages.size === 0;
    for (const k of EVERY_KIND)
      for (const e of cat[k.key] as { filePath: string; id?: string | null; slug?: string; folder?: string }[])
        this.pages.set(pageOf(k, e), e.filePath);
    const next = new Map(cat.problems.map((p) => [problemKey(p), p]));
    this.errorsByFile = new Map();
    for (const p of cat.problems) {
      if (p.severity !== 'error') continue;
      const list = this.errorsByFile.get(p.file) ?? [];
      list.push(p);
      this.errorsByFile.set(p.file, list);
      // A file broken before any load read it: its detection page is still findable by id.
      if (!this.fileHasPage(p.file)) {
        const guess = this.guessPage(p.file);
        if (guess) this.pages.set(guess, p.file);
      }
    }
    const lines: string[] = [];
    for (const [k, p] of next)
      if (!this.known.has(k) && (!first || p.severity === 'error')) lines.push(formatProblem(p));
    for (const [k, p] of this.known) if (!next.has(k)) lines.push(`fixed ${formatProblem(p)}`);
    this.known = next;
    return lines;
  }

  /** The errors of the file whose page `path` (no base, no leading slash) is, when that file is broken. */
  brokenPage(path: string): { file: string; problems: Problem[] } | null {
    const file = this.pages.get(path.endsWith('/') ? path : `${path}/`);
    const problems = file ? this.errorsByFile.get(file) : undefined;
    return file && problems ? { file, problems } : null;
  }

  private fileHasPage(file: string): boolean {
    for (const f of this.pages.values()) if (f === file) return true;
    return false;
  }

  /** `detections/<folder>/x.yml` with an `id:` line: `<folder>/<id>/`. */
  private guessPage(file: string): string | null {
    const m = /^detections\/([^/]+)\/[^/]+\.ya?ml$/.exec(file);
    const text = m ? this.source(file) : null;
    const id = text && /^id:\s*['"]?([0-9a-fA-F-]{36})['"]?\s*$/m.exec(text);
    return m && id ? `${m[1]}/${id[1].toLowerCase()}/` : null;
  }

  /**
   * A content file's text, only when its real path is the path under CONTENT_DIR (no link on
   * the way: nothing outside the content is ever shown).
   */
  source(file: string): string | null {
    try {
      const root = realpathSync(this.contentDir);
      const abs = join(root, ...file.split('/'));
      if (realpathSync(abs) !== abs) return null;
      return readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
  }
}

/**
 * The dev server's answer on a broken file's page: every error of the file with its position,
 * field and reason, and the lines around each position. Content is escaped as text; Vite's
 * client script reloads the page when the file is saved again.
 */
export function errorPage(file: string, problems: readonly Problem[], source: string | null, base: string): string {
  const lines = source?.split(/\r\n|\r|\n/) ?? [];
  const items = problems.map((p) => {
    const where = `${file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
    let excerpt = '';
    if (p.line && lines.length >= p.line) {
      const from = Math.max(1, p.line - 2);
      const to = Math.min(lines.length, p.line + 2);
      const rows: string[] = [];
      for (let n = from; n <= to; n++) {
        rows.push(`${String(n).padStart(4)} | ${lines[n - 1]}`);
        if (n === p.line && p.column) rows.push(`${' '.repeat(4)} | ${' '.repeat(p.column - 1)}^`);
      }
      excerpt = `<pre>${escapeText(rows.join('\n'))}</pre>`;
    }
    return `<li><p><strong>${escapeText(where)}</strong>${p.field ? ` field <code>${escapeText(p.field)}</code>` : ''}: ${escapeText(p.message)} <small>(${escapeText(p.code)})</small></p>${excerpt}</li>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content error: ${escapeText(file)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 60rem; color: #1b1b1b; }
h1 { color: #a4000f; font-size: 1.5rem; overflow-wrap: anywhere; }
p, li p, code { overflow-wrap: anywhere; }
pre { background: #f6f6f6; border-left: 4px solid #a4000f; padding: 0.75rem; overflow-x: auto; font-size: 0.9rem; }
</style>
<script type="module" src="${escapeAttribute(base)}@vite/client"></script>
</head>
<body>
<main>
<h1>This page's content file has ${problems.length === 1 ? 'an error' : `${problems.length} errors`}</h1>
<p>The catalog leaves <code>${escapeText(file)}</code> out until it is fixed. Save the file and this page reloads.</p>
<ul>
${items.join('\n')}
</ul>
<p><a href="${escapeAttribute(base)}health/">All content problems</a></p>
</main>
</body>
</html>
`;
}

/**
 * What the dev server answers itself, before Astro: the reports a build writes
 * (`content-report.json`, `content-report.sarif`) from the current load, and a broken file's
 * page. Null for every other path.
 */
export function devResponse(
  url: string,
  base: string,
  dev: DevFeedback,
  /** The current load, observed by `dev` (a request may come before the watcher's turn). */
  content: () => LoadedCatalog,
  contentDir: string,
  root: string,
  lenient: boolean,
): { status: number; type: string; body: string } | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://dev.invalid').pathname);
  } catch {
    return null;
  }
  const prefix = base.endsWith('/') ? base : `${base}/`;
  if (!path.startsWith(prefix)) return null;
  path = path.slice(prefix.length);
  if (path === 'content-report.json')
    return {
      status: 200,
      type: 'application/json',
      body: publishedJson(reportJson(content(), contentDir, root, lenient), 1),
    };
  if (path === 'content-report.sarif')
    return {
      status: 200,
      type: 'application/sarif+json',
      body: publishedJson(reportSarif(content(), contentDir, root), 1),
    };
  if (!path || path.startsWith('@') || path.startsWith('_astro/') || path.startsWith('node_modules/')) return null;
  content();
  const broken = dev.brokenPage(path);
  if (!broken) return null;
  return {
    status: 500,
    type: 'text/html; charset=utf-8',
    body: errorPage(broken.file, broken.problems, dev.source(broken.file), prefix),
  };
}
