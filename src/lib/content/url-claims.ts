import type { Detection, Entry } from './model.ts';
import type { Problem } from './problems.ts';
import { nameKey, segmentKey } from '../urls/segment.ts';
import { folderProblem, isReservedSegment } from '../urls/reserved.ts';

/**
 * One URL per entry: each entry claims its page (and a detection its research.splunk.com alias)
 * once, when loading, in path order. A claim that another entry already holds, on a
 * case-insensitive host or after look-alike characters are ignored, is an error naming both
 * files, and the later file is left out, so a pull request can never take over an existing page
 * or old link. So is a claim on a name the site itself writes (`index.html`, `api`, …).
 */

export interface UrlLists {
  detections: Detection[];
  stories: Entry[];
  macros: Entry[];
  lookups: Entry[];
  dataSources: Entry[];
  baselines: Entry[];
  investigations: Entry[];
  playbooks: Entry[];
}

/** The URL folder of each kind and the segment its pages use (ids for the kinds named by id). */
const SEGMENT: Record<Exclude<keyof UrlLists, 'detections'>, { folder: string; of: (e: Entry) => string }> = {
  stories: { folder: 'stories', of: (e) => (e as { slug: string }).slug },
  macros: { folder: 'macros', of: (e) => (e as { slug: string }).slug },
  lookups: { folder: 'lookups', of: (e) => (e as { slug: string }).slug },
  playbooks: { folder: 'playbooks', of: (e) => (e as { slug: string }).slug },
  dataSources: { folder: 'sources', of: (e) => e.id ?? '' },
  baselines: { folder: 'baselines', of: (e) => e.id ?? '' },
  investigations: { folder: 'investigations', of: (e) => e.id ?? '' },
};

const problem = (file: string, code: string, field: string | null, message: string): Problem => ({
  severity: 'error', code, file, line: null, column: null, field, message, entry: null,
});

/** Keeps, per list, the entries whose URLs are theirs alone; returns the problems of the rest. */
export function claimUrls<L extends UrlLists>(lists: L): { lists: L; problems: Problem[] } {
  const problems: Problem[] = [];
  const out = { ...lists };

  // Names are compared per kind: a story may share a detection's name, but two stories may not
  // differ only by case or invisible characters (references by name would reach either one).
  const claimant = <T extends Entry>(list: T[], folder: string, segmentOf: (e: T) => string, extra?: (e: T) => boolean): T[] => {
    const held = new Map<string, { file: string; name: string }>();
    const claim = (e: T) => (key: string, what: string, field: string): boolean => {
      const other = held.get(key);
      if (other) {
        problems.push(problem(e.filePath, 'duplicate-slug', field, `${what} is already taken by ${other.file} ("${other.name}"); this file is left out, the earlier file keeps it`));
        return false;
      }
      return true;
    };
    return list.filter((e) => {
      const c = claim(e);
      const seg = segmentOf(e);
      const url = `${folder}/${seg}/`;
      if (isReservedSegment(seg)) {
        problems.push(problem(e.filePath, 'reserved-name', 'name', `the page /${url} would be written over the site's own file ${seg}; rename the entry`));
        return false;
      }
      const keys: [string, string][] = [[`url:${segmentKey(seg)}`, `the URL /${url} (compared without case)`], [`name:${nameKey(e.name)}`, `the name "${e.name}" (compared without case, invisible characters and extra spaces)`]];
      if (!keys.every(([k, what]) => c(k, what, 'name'))) return false;
      if (extra && !extra(e)) return false;
      for (const [k] of keys) held.set(k, { file: e.filePath, name: e.name });
      return true;
    });
  };

  for (const kind of Object.keys(SEGMENT) as (keyof typeof SEGMENT)[]) {
    (out as UrlLists)[kind] = claimant(lists[kind], SEGMENT[kind].folder, SEGMENT[kind].of);
  }

  // Detections: the folder is the first URL segment, the id the second (ids are unique already),
  // and the name alias `/<folder>/<alias>/` is a URL research.splunk.com published.
  const valid = lists.detections.filter((d) => {
    const bad = folderProblem(d.folder);
    if (bad) problems.push(problem(d.filePath, bad.code, null, bad.message));
    return !bad;
  });
  const aliases = new Map<string, { file: string; name: string }>();
  out.detections = claimant(valid, '', (d) => d.id, (d) => {
    const key = `alias:${segmentKey(`${d.folder}/${d.alias}`)}`;
    if (isReservedSegment(d.alias)) {
      problems.push(problem(d.filePath, 'reserved-name', 'name', `the old research.splunk.com link /${d.folder}/${d.alias}/ would be written over the site's own file ${d.alias}; rename the detection`));
      return false;
    }
    const other = aliases.get(key);
    if (other) {
      problems.push(problem(d.filePath, 'duplicate-slug', 'name', `the old research.splunk.com link /${d.folder}/${d.alias}/ (compared without case) already leads to ${other.file} ("${other.name}"); this file is left out, the earlier file keeps it`));
      return false;
    }
    aliases.set(key, { file: d.filePath, name: d.name });
    return true;
  }) as L['detections'];
  return { lists: out as L, problems };
}
