import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentDirLabel, redactContentDir, repoPrefix } from '../content/content-dir.ts';
import { githubCommands, sarifLog } from '../content/problem-formats.ts';
import { summarize, type Problem } from '../content/problems.ts';
import { kindCounts } from '../content/kinds.ts';
import type { LoadedCatalog } from '../domain/catalog/load.ts';
import { publishedJson } from '../lib/text/clean.ts';
import { settings } from '../lib/settings.ts';
import { OutputFiles } from './output.ts';

/** Problems as published: no message holds the build machine's absolute CONTENT_DIR. */
export function publishedProblems(cat: LoadedCatalog, contentDir: string, root: string): Problem[] {
  return cat.problems.map((p) =>
    p.message.includes(contentDir) ? { ...p, message: redactContentDir(p.message, contentDir, root) } : p,
  );
}

/** The report as `content-report.json` holds it (also what /content-report.json serves in dev). */
export function reportJson(cat: LoadedCatalog, contentDir: string, root: string, lenient: boolean) {
  return {
    // Never the absolute path: the report is published with the site.
    contentDir: contentDirLabel(contentDir, root),
    lenient,
    counts: { files: cat.files, ...kindCounts(cat) },
    ...summarize(cat.problems),
    problems: publishedProblems(cat, contentDir, root),
  };
}

const version = (root: string): string => {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
};

/** `content-report.sarif`: the same problems for code-scanning tools, paths from the repository root. */
export function reportSarif(cat: LoadedCatalog, contentDir: string, root: string) {
  return sarifLog(publishedProblems(cat, contentDir, root), {
    prefix: repoPrefix(contentDir),
    version: version(root),
  });
}

/** Writes `content-report.json` and `content-report.sarif` into `out`. */
export function writeReports(
  out: string,
  cat: LoadedCatalog,
  contentDir: string,
  root: string,
  lenient: boolean,
  files = new OutputFiles(0),
): void {
  files.write(join(out, 'content-report.json'), publishedJson(reportJson(cat, contentDir, root, lenient), 1));
  files.write(join(out, 'content-report.sarif'), publishedJson(reportSarif(cat, contentDir, root), 1));
}

/**
 * With CATALOG_REPORT=github, every problem as a workflow command on stdout (GitHub shows them
 * as annotations on the pull request); nothing otherwise.
 */
export function printAnnotations(cat: LoadedCatalog, contentDir: string, root: string): void {
  if (settings().CATALOG_REPORT !== 'github') return;
  const lines = githubCommands(publishedProblems(cat, contentDir, root), repoPrefix(contentDir));
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** Resolves once everything written to standard output and error so far has been handed to the OS. */
export async function flushOutput(): Promise<void> {
  const drained = (stream: NodeJS.WriteStream) => new Promise<void>((done) => stream.write('', () => done()));
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
}
