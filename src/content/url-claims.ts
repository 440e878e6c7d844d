import type { Detection, Entry } from './model.ts';
import type { Problem } from './problems.ts';
import { nameKey, normalizeName, segmentKey } from './segment.ts';
import { folderProblem, isReservedSegment } from './reserved.ts';
import { KINDS, segmentOf, type KindKey } from './kinds.ts';

/**
 * One URL per entry: each entry claims its page (and a detection its research.splunk.com alias)
 * once, when loading. A claim that another entry already holds, on a case-insensitive host or
 * after look-alike characters are ignored, is an error naming both files, and the later claim
 * is left out, so a pull request can never take over an existing page or old link. So is a
 * claim on a name the site itself writes (`index.html`, `api`, …).
 *
 * Who claims first among entries that collide: a name in plain spelling (nothing that
 * normalization or the segment rule had to change) before a look-alike, then the file added to
 * git first, then path order. Path order alone would let a newcomer win by naming its file
 * `aaa.yml`.
 */

/** Detections, and every other kind of src/content/kinds.ts as plain entries. */
export type UrlLists = { detections: Detection[] } & { [K in Exclude<KindKey, 'detections'>]: Entry[] };

/**
 * The kinds whose URL is `/<URL folder>/<segment>/`: those named by slug first, then those
 * named by id, the order their problems have always been reported in.
 */
const BY_SEGMENT = [...KINDS.filter((k) => k.url.segment === 'slug'), ...KINDS.filter((k) => k.url.segment === 'id')]
  .filter((k) => k.url.folder !== null)
  .map((k) => ({ key: k.key as Exclude<KindKey, 'detections'>, urlFolder: k.url.folder!, url: k.url }));

const problem = (file: string, code: string, field: string | null, message: string): Problem => ({
  severity: 'error', code, file, line: null, column: null, field, message, entry: null,
});

/** Characters the segment rule replaces: a name holding one is a spelling the URL could not keep. */
const UNSAFE_IN_SEGMENT = /[/\\?#%"<>|*:`{}^[\]]/;

/** Whether a name is written as itself: no look-alike, invisible or replaced character. */
export function plainSpelling(name: string): boolean {
  return name === normalizeName(name) && !UNSAFE_IN_SEGMENT.test(name);
}

/**
 * Keeps, per list, the entries whose URLs are theirs alone; returns the problems of the rest.
 * `addedTimes` gives when files were first added to git (see git-added.ts); it is asked only for
 * files whose claims collide.
 */
export function claimUrls<L extends UrlLists>(lists: L, addedTimes: (files: string[]) => Map<string, number> = () => new Map()): { lists: L; problems: Problem[] } {
  const problems: Problem[] = [];
  const out = { ...lists };

  // Names are compared per kind: a story may share a detection's name, but two stories may not
  // differ only by case or invisible characters (references by name would reach either one).
  const claimant = <T extends Entry>(list: T[], folder: string, segmentOf: (e: T) => string, extra?: { key: (e: T) => string; claim: (e: T) => boolean }): T[] => {
    const keysOf = (e: T): [string, string][] => [
      [`url:${segmentKey(segmentOf(e))}`, `the URL /${folder}${segmentOf(e)}/ (compared without case)`],
      [`name:${nameKey(e.name)}`, `the name "${e.name}" (compared without case, invisible characters and extra spaces)`],
    ];
    const held = new Map<string, { file: string; name: string }>();
    const winners = new Set<T>();
    for (const e of claimOrder(list, (x) => [...keysOf(x).map(([k]) => k), ...(extra ? [extra.key(x)] : [])], addedTimes)) {
      const seg = segmentOf(e);
      if (isReservedSegment(seg)) {
        problems.push(problem(e.filePath, 'reserved-name', 'name', `the page /${folder}${seg}/ would be written over the site's own file ${seg}; rename the entry`));
        continue;
      }
      const taken = keysOf(e).find(([k]) => held.has(k));
      if (taken) {
        const other = held.get(taken[0])!;
        problems.push(problem(e.filePath, 'duplicate-slug', 'name', `${taken[1]} is already taken by ${other.file} ("${other.name}"); this file is left out, the other file keeps it`));
        continue;
      }
      if (extra && !extra.claim(e)) continue;
      for (const [k] of keysOf(e)) held.set(k, { file: e.filePath, name: e.name });
      winners.add(e);
    }
    return list.filter((e) => winners.has(e));
  };

  for (const k of BY_SEGMENT) {
    (out as UrlLists)[k.key] = claimant(lists[k.key], `${k.urlFolder}/`, (e) => segmentOf(k, e as { id: string | null; slug?: string }));
  }

  // Detections: the folder is the first URL segment, the id the second (ids are unique already),
  // and the name alias `/<folder>/<alias>/` is a URL research.splunk.com published.
  const valid = lists.detections.filter((d) => {
    const bad = folderProblem(d.folder);
    if (bad) problems.push(problem(d.filePath, bad.code, null, bad.message));
    return !bad;
  });
  const aliases = new Map<string, { file: string; name: string }>();
  const aliasKey = (d: Detection) => `alias:${segmentKey(`${d.folder}/${d.alias}`)}`;
  out.detections = claimant(valid, '', (d) => d.id, { key: aliasKey, claim: (d) => {
    const key = aliasKey(d);
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
  } }) as L['detections'];
  return { lists: out as L, problems };
}

/**
 * The order entries claim in: path order, except that within a group of entries sharing a key,
 * plain spellings go first, then files added to git earlier.
 */
function claimOrder<T extends Entry>(list: T[], keys: (e: T) => string[], addedTimes: (files: string[]) => Map<string, number>): T[] {
  const byKey = new Map<string, T[]>();
  for (const e of list) for (const k of keys(e)) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  const contested = new Set([...byKey.values()].filter((g) => g.length > 1).flat());
  const sorted = [...list].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  if (contested.size === 0) return sorted;
  const added = addedTimes([...contested].map((e) => e.filePath));
  const rank = (e: T): [number, number] => (contested.has(e) ? [plainSpelling(e.name) ? 0 : 1, added.get(e.filePath) ?? Number.POSITIVE_INFINITY] : [0, 0]);
  // Only contested entries move, and only among themselves: their slots in path order are refilled in rank order.
  const ranked = sorted.filter((e) => contested.has(e)).sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || (a.filePath < b.filePath ? -1 : 1);
  });
  let i = 0;
  return sorted.map((e) => (contested.has(e) ? ranked[i++] : e));
}
