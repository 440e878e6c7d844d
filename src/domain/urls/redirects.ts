import { resolve, sep } from 'node:path';
import type { Detection, Playbook } from '../../content/model.ts';
import { safeSegment, segmentKey } from '../../content/segment.ts';
import { href, paths } from './index.ts';
import { escapeAttribute } from '../../lib/text/escape.ts';

/**
 * Old research.splunk.com links that must keep working, as (from, to) site paths without the
 * base. These are the URL shapes that site really published (docs/content-format.md §15.1): the
 * name alias `/<folder>/<name_with_underscores>/` of every detection, and the ids and aliases a
 * deprecated detection had under its category folder before it moved to `deprecated/` (or, in
 * the new layout, under `deprecated/` while it now stays in its folder). A detection id under
 * any other folder is answered by the 404 page, which looks the id up (src/client/not-found.ts):
 * one static page per folder and detection would be thousands of speculative files for moves
 * that are rare.
 */
export interface Redirect {
  from: string;
  to: string;
}

export const LEGACY_FOLDERS = ['application', 'cloud', 'endpoint', 'network', 'web', 'deprecated'];

export function legacyRedirects(detections: Detection[], playbooks: Playbook[]): Redirect[] {
  const canonical = new Set(detections.map((d) => segmentKey(paths.detection(d))));
  const categories = [...new Set([...LEGACY_FOLDERS, ...detections.map((d) => d.folder)])].filter(
    (f) => f !== 'deprecated',
  );
  const out = new Map<string, Redirect>();
  // Compared without case: on a case-insensitive host two such paths are one file, and the first
  // claim keeps it. Every detection's own alias comes before the old places of deprecated ones.
  const add = (from: string, to: string) => {
    const key = segmentKey(from);
    if (from !== to && !canonical.has(key) && !out.has(key)) out.set(key, { from, to });
  };
  for (const d of detections) add(`${d.folder}/${d.alias}/`, paths.detection(d));
  for (const d of detections) {
    const to = paths.detection(d);
    if (d.folder === 'deprecated') {
      for (const f of categories) {
        add(`${f}/${d.id}/`, to);
        add(`${f}/${d.alias}/`, to);
      }
    } else if (d.status === 'deprecated') {
      add(`deprecated/${d.id}/`, to);
      add(`deprecated/${d.alias}/`, to);
    }
  }
  // A playbook's file stem often differs from its page only in case: that old link is kept as a
  // `_redirects` rule, and `redirectFiles` writes no stub beside the page.
  const stems = playbooks
    .map((p) => ({ from: `playbooks/${safeSegment(p.stem)}/`, to: paths.playbook(p) }))
    .filter((r) => r.from !== r.to);
  return [...out.values(), ...stems].sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * True when no route but the detection route (`[folder]/[id]`) can put a page under a legacy
 * folder: then a redirect there can meet only a detection page, which `legacyRedirects` leaves
 * out, and it may be written before the pages are known.
 */
export function legacyFoldersHoldOnlyDetections(
  routes: readonly { segments: { content: string; dynamic: boolean }[][]; entrypoint: string }[],
): boolean {
  return routes.every((r) => {
    const first = r.segments[0];
    if (!first) return true;
    if (first.some((part) => part.dynamic))
      return /(^|[\\/])pages[\\/]\[folder\][\\/]\[id\]\.astro$/.test(r.entrypoint);
    return !LEGACY_FOLDERS.includes(first.map((part) => part.content).join(''));
  });
}

/** The meta-refresh page written for each redirect (hrefs already include the base). */
export function redirectHtml(toHref: string, canonicalUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title><meta http-equiv="refresh" content="0; url=${escapeAttribute(toHref)}"><link rel="canonical" href="${escapeAttribute(canonicalUrl)}"><meta name="robots" content="noindex"></head><body><p>This page has moved to <a href="${escapeAttribute(toHref)}">${escapeAttribute(canonicalUrl)}</a>.</p></body></html>\n`;
}

/**
 * The meta-refresh files (absolute path, HTML) under `outDir` and the `_redirects` rules for
 * them. A redirect whose path holds one of this build's pages (`pageFiles`) is left out: the
 * page wins. So is one whose path would lead outside the output folder. A stub whose path
 * differs from a page's (or an earlier stub's) only in case is not written as a file, since a
 * case-insensitive host would put one over the other; its `_redirects` rule stays, and the 404
 * page answers ids.
 */
export function redirectFiles(
  redirects: readonly Redirect[],
  outDir: string,
  base: string,
  site: string,
  pageFiles: ReadonlySet<string>,
): { files: [string, string][]; rules: string } {
  const root = resolve(outDir);
  const files: [string, string][] = [];
  const rules: string[] = [];
  const taken = new Set<string>();
  for (const f of pageFiles) taken.add(segmentKey(f));
  for (const r of redirects) {
    const file = resolve(root, ...r.from.split('/').filter(Boolean), 'index.html');
    if (!file.startsWith(root + sep) || pageFiles.has(file)) continue;
    const to = href(r.to, base);
    const key = segmentKey(file);
    if (!taken.has(key)) {
      taken.add(key);
      files.push([file, redirectHtml(to, new URL(to, site).href)]);
    }
    const from = href(r.from, base);
    // One rule a line, fields split by white space: a rule that holds any is never written.
    if (!/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(from + to)) rules.push(`${from} ${to} 301`);
  }
  return { files, rules: `${rules.join('\n')}\n` };
}
