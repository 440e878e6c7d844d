import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import jsyaml from 'js-yaml';
import { MAX_FILE_BYTES, parseYamlFile } from './yaml-file.ts';

/**
 * The git history of the content folders: for every detection, story and macro, each first-parent
 * commit that changed its file, with that version's parsed YAML, and the release tag that first
 * shipped it. Facts only; what changed between two versions is src/domain/history's to say.
 *
 * Everything here is chronological (oldest first): `commits`, `releases` and each entity's
 * `entries`. The views turn it around.
 */

/** Bumped whenever the walk or the cache layout changes, so an old cache is never read. */
export const HISTORY_CODE_VERSION = 1;
export const DEFAULT_MAX_COMMITS = 5000;
export const DEFAULT_TIMEOUT_MS = 120_000;
/** What one `git log` may print; far above the 251-commit sample's few megabytes. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** All blob bytes read in one walk. */
export const MAX_TOTAL_BLOB_BYTES = 512 * 1024 * 1024;

export type HistoryEntityKind = 'detections' | 'stories' | 'macros';
export type HistoryEntryKind = 'baseline' | 'added' | 'changed' | 'removed';

export interface HistoryCommit {
  commit: string;
  /** Committer date, ISO 8601 with the committer's offset. */
  date: string;
  subject: string;
  /** The first release tag that contains the commit, or null when no tag does yet. */
  release: string | null;
}

export interface HistoryRelease {
  tag: string;
  commit: string;
  date: string;
  /** The tag before it in version order (within the walked commits), or null for the first. */
  previous: string | null;
}

export interface HistoryEntry {
  commit: string;
  date: string;
  subject: string;
  release: string | null;
  kind: HistoryEntryKind;
  /** Path under the content folder; for `removed`, where the file last was. */
  path: string;
  /** The YAML `version` as written; null when absent or removed. */
  version: string | number | null;
  /** Git blob id of this version; null for `removed`. */
  blob: string | null;
  /** The parsed YAML of this version (plain JSON data); null for `removed`. */
  data: Record<string, unknown> | null;
}

export interface EntityHistory {
  /** Detections and stories: the lowercase `id` (a story without one: its lowercase name); macros: the name. */
  key: string;
  entries: HistoryEntry[];
  /** The file's text when last seen, kept only while the entity is removed, to render its page. */
  removedRaw: string | null;
}

export interface ContentHistory {
  head: string;
  /** The content folder's path inside the work tree ('' or ending in '/'). */
  prefix: string;
  /** The clone is shallow: the first commit walked is where the clone stops, not where history does. */
  shallow: boolean;
  /** `maxCommits` cut the walk: older commits exist. */
  truncated: boolean;
  commits: HistoryCommit[];
  releases: HistoryRelease[];
  detections: Record<string, EntityHistory>;
  stories: Record<string, EntityHistory>;
  macros: Record<string, EntityHistory>;
  /** How this result was made: `cache+git` extended a cached walk with the newer commits only. */
  read: { from: 'git' | 'cache' | 'cache+git'; commitsWalked: number; blobsRead: number };
}

export interface HistoryOptions {
  maxCommits?: number;
  maxBlobBytes?: number;
  timeoutMs?: number;
  /** Folder for the cache files (e.g. node_modules/.cache/catalog-history); none when absent. */
  cacheDir?: string | null;
  /**
   * Takes the cache write instead of running it before the result is returned: a caller that
   * hands the result on (the build's worker) writes the cache after, off the waiting path.
   */
  deferCacheWrite?: (write: () => void) => void;
  /**
   * The environment git runs in (PATH, HOME), handed in by the caller: only src/lib/settings.ts
   * reads this process's (tests/unit/settings.test.ts). Without it git gets none but the
   * variables above, and is found on the system's default PATH.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

type Unavailable = { unavailable: string };

const KINDS: readonly HistoryEntityKind[] = ['detections', 'stories', 'macros'];
const ZERO = /^0+$/;
const REGULAR = new Set(['100644', '100755']);

/** Which entity kind a path under the content folder holds, mirroring the loader's folders (src/content/kinds.ts). */
export function entityKindOf(rel: string): HistoryEntityKind | null {
  if (!rel.endsWith('.yml')) return null;
  // A detection's first folder is its URL category; a file right under detections/ is not loaded.
  if (/^detections\/[^/]+\/.+/.test(rel)) return 'detections';
  if (/^stories\/.+/.test(rel)) return 'stories';
  if (/^macros\/[^/]+$/.test(rel)) return 'macros';
  return null;
}

/** The identity an entity is followed by across renames and moves; null when the file has none. */
export function entityKey(kind: HistoryEntityKind, data: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
  if (kind === 'macros') return text(data.name) || null;
  if (kind === 'stories') return (text(data.id) || text(data.name)).toLowerCase() || null;
  return text(data.id).toLowerCase() || null;
}

// ---------------------------------------------------------------------------------------------
// git

class GitError extends Error {}

interface Git {
  run(args: string[], input?: string, maxBytes?: number): Buffer;
}

function makeGit(cwd: string, deadline: number, base: Readonly<Record<string, string | undefined>>): Git {
  const env: Record<string, string | undefined> = {
    ...base,
    // Content cannot configure the git that reads it: no system or global config, no pager, no prompt.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PAGER: 'cat',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // Its messages are matched below, so they must not be translated.
    LC_ALL: 'C',
  };
  // The folder names the repository; a GIT_DIR left by a hook or a CI step must not point elsewhere.
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_EXTERNAL_DIFF'])
    delete env[k];
  return {
    run(args, input, maxBytes = 16 * 1024 * 1024) {
      const timeout = deadline - Date.now();
      if (timeout <= 0) throw new GitError('reading the git history took too long');
      const r = spawnSync(
        'git',
        ['-C', cwd, '-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off', '-c', 'log.showSignature=false', '--literal-pathspecs', ...args],
        { env, input, timeout, maxBuffer: maxBytes, windowsHide: true },
      );
      if (r.error) {
        const code = (r.error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new GitError('git is not installed (not found on PATH)');
        if (code === 'ENOBUFS') throw new GitError(`git ${args[0]} printed more than ${maxBytes} bytes; the history is too large to read`);
        if (code === 'ETIMEDOUT') throw new GitError('reading the git history took too long');
        throw new GitError(`git ${args[0]} failed: ${r.error.message}`);
      }
      if (r.status !== 0) {
        const line = r.stderr.toString('utf8').trim().split('\n')[0] || `exit status ${r.status}`;
        throw new GitError(`git ${args[0]}: ${line.replace(/^(fatal|error): /, '')}`);
      }
      return r.stdout;
    },
  };
}

interface RawChange {
  oldMode: string;
  newMode: string;
  oldBlob: string;
  newBlob: string;
  path: string;
}

interface LogCommit {
  commit: string;
  parents: string[];
  date: string;
  subject: string;
  changes: RawChange[];
}

const HEADER = /^\u0001([0-9a-f]{40,64})$/;

/** Parses `git log -z --raw` with the format below: fields by position, so no subject can confuse it. */
export function parseLog(out: string): LogCommit[] {
  const t = out.split('\u0000');
  const commits: LogCommit[] = [];
  let i = 0;
  while (i < t.length) {
    const m = HEADER.exec(t[i].replace(/^\n/, ''));
    if (!m) {
      i++;
      continue;
    }
    const c: LogCommit = { commit: m[1], parents: (t[i + 1] ?? '').split(' ').filter(Boolean), date: t[i + 2] ?? '', subject: t[i + 3] ?? '', changes: [] };
    i += 4;
    while (i < t.length) {
      const meta = t[i].replace(/^\n/, '');
      if (!meta.startsWith(':')) {
        if (meta === '') {
          i++;
          continue;
        }
        break;
      }
      const [oldMode, newMode, oldBlob, newBlob] = meta.slice(1).split(' ');
      c.changes.push({ oldMode, newMode, oldBlob, newBlob, path: t[i + 1] ?? '' });
      i += 2;
    }
    commits.push(c);
  }
  return commits;
}

/** Version-like tags (`v4.41.0`, `4.2`, `v1.0.0-rc1`) in release order; other tags are not releases. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < Math.max(pa.nums.length, pb.nums.length); i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d) return d;
  }
  // A pre-release comes before its release.
  if (pa.pre !== pb.pre) return pa.pre === '' ? 1 : pb.pre === '' ? -1 : pa.pre < pb.pre ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function versionParts(tag: string): { nums: number[]; pre: string } | null {
  const m = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?$/.exec(tag);
  return m ? { nums: m[1].split('.').map(Number), pre: m[2] ?? '' } : null;
}

function readTags(git: Git): Map<string, string[]> {
  const out = git.run(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', 'refs/tags']).toString('utf8');
  const byCommit = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const [ref, obj, peeled] = line.split('\u0000');
    if (!ref?.startsWith('refs/tags/')) continue;
    const tag = ref.slice('refs/tags/'.length);
    if (!versionParts(tag)) continue;
    // An annotated tag names its tag object; the commit is the peeled one.
    const commit = peeled || obj;
    byCommit.set(commit, [...(byCommit.get(commit) ?? []), tag]);
  }
  return byCommit;
}

/**
 * Gives each commit the first release containing it: among the version tags on this commit or a
 * later one of the walked first-parent line, the lowest version. Tags on commits off that line
 * (a release branch never merged as such, or older than the walk) are ignored.
 */
export function assignReleases(commits: { commit: string; date: string }[], tagsByCommit: ReadonlyMap<string, readonly string[]>): { releaseOf: Map<string, string | null>; releases: HistoryRelease[] } {
  const releaseOf = new Map<string, string | null>();
  let best: string | null = null;
  for (let i = commits.length - 1; i >= 0; i--) {
    for (const tag of tagsByCommit.get(commits[i].commit) ?? []) if (best === null || compareVersions(tag, best) < 0) best = tag;
    releaseOf.set(commits[i].commit, best);
  }
  const found: { tag: string; commit: string; date: string }[] = [];
  for (const c of commits) for (const tag of tagsByCommit.get(c.commit) ?? []) found.push({ tag, commit: c.commit, date: c.date });
  found.sort((a, b) => compareVersions(a.tag, b.tag));
  const releases = found.map((r, i) => ({ ...r, previous: i > 0 ? found[i - 1].tag : null }));
  return { releaseOf, releases };
}

// ---------------------------------------------------------------------------------------------
// blobs

interface Blob {
  data: Record<string, unknown>;
  raw: () => string;
}

/**
 * Reads blobs with one `git cat-file --batch-check` (sizes) and one `--batch` (the ones within
 * the cap). A blob missing, over the cap or not a YAML mapping is simply absent from the map.
 */
function readBlobs(git: Git, ids: readonly string[], maxBlobBytes: number): Map<string, Blob> {
  const blobs = new Map<string, Blob>();
  if (ids.length === 0) return blobs;
  const check = git.run(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--buffer'], ids.join('\n') + '\n', 64 + ids.length * 120).toString('latin1');
  const wanted: string[] = [];
  let total = 0;
  for (const line of check.split('\n')) {
    const [id, type, size] = line.split(' ');
    if (type !== 'blob' || Number(size) > maxBlobBytes) continue;
    wanted.push(id);
    total += Number(size);
  }
  if (total > MAX_TOTAL_BLOB_BYTES) throw new GitError(`the history holds ${total} bytes of YAML; at most ${MAX_TOTAL_BLOB_BYTES} are read`);
  if (wanted.length === 0) return blobs;
  const buf = git.run(['cat-file', '--batch', '--buffer'], wanted.join('\n') + '\n', total + wanted.length * 128 + 1024);
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const [id, type, size] = buf.toString('latin1', at, nl).split(' ');
    if (type === 'missing' || size === undefined) {
      at = nl + 1;
      continue;
    }
    const end = nl + 1 + Number(size);
    const bytes = buf.subarray(nl + 1, end);
    at = end + 1;
    const data = parseBlob(bytes);
    if (data) blobs.set(id, { data, raw: () => decode(bytes) ?? '' });
  }
  return blobs;
}

function decode(bytes: Uint8Array): string | null {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    return null;
  }
}

class Shared extends Error {}

/**
 * One version's YAML as plain data. js-yaml (PyYAML's reading, which contentctl uses) parses a
 * history's thousands of versions several times faster than the loader's parser; the loader's
 * parser takes over for what js-yaml refuses and for files with aliases, whose alias cap stops
 * expansion bombs (js-yaml shares the aliased objects, which the walk below would expand).
 * The core schema leaves dates as written.
 */
export function parseBlob(bytes: Uint8Array): Record<string, unknown> | null {
  if (bytes.byteLength > MAX_FILE_BYTES) return null;
  const text = decode(bytes);
  if (text === null) return null;
  const chunked = parseByKey(text);
  if (chunked) return chunked;
  try {
    const doc = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
    return plain(doc, new Set()) as Record<string, unknown>;
  } catch {
    const parsed = parseYamlFile(bytes, 'history.yml').data;
    try {
      return parsed ? (plain(parsed, null) as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}

/**
 * Most of a file stays the same from one version to the next: its top-level entries (a key at
 * the start of a line and the lines under it) are parsed one at a time and remembered by their
 * text, so an entry unchanged since an earlier version is not parsed again, and two versions
 * share its value (equal versions of a field compare as the same object). Anything but a plain
 * top-level mapping (a document marker, a directive, a line at the start that is not a key, a
 * comment or a compact list item, a repeated key) returns null and is parsed whole; so does an
 * entry that does not parse on its own (a quoted or flow value cut by a line that looks like a
 * key leaves its quote or bracket open, and an alias to another entry's anchor is unknown).
 */
const entryMemo = new Map<string, { key: string; value: unknown }>();
const ENTRY_MEMO_MAX = 50_000;
const KEY_LINE = /[A-Za-z_][\w.-]*:(?=[ \t\r\n]|$)/y;

export function parseByKey(text: string): Record<string, unknown> | null {
  const entries: string[] = [];
  let start = -1;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const c = text.charCodeAt(at);
    // Indented, blank, or a comment: part of the entry above (or of nothing, before the first).
    const continues = end === at || c === 32 || c === 35 || c === 13;
    if (!continues && ((KEY_LINE.lastIndex = at), KEY_LINE.test(text))) {
      if (start >= 0) entries.push(text.slice(start, at - 1));
      start = at;
    } else if (!continues && !(c === 45 && start >= 0 && /^-(?:[ \r]|$)/.test(text.slice(at, Math.min(end, at + 2)))))
      return null;
    at = end + 1;
  }
  if (start < 0) return null;
  entries.push(text.slice(start));
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    let hit = entryMemo.get(entry);
    if (!hit) {
      try {
        const doc = jsyaml.load(entry, { schema: jsyaml.CORE_SCHEMA });
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
        const keys = Object.keys(doc);
        if (keys.length !== 1) return null;
        hit = { key: keys[0], value: plain((doc as Record<string, unknown>)[keys[0]], new Set()) };
      } catch {
        return null;
      }
      if (entryMemo.size >= ENTRY_MEMO_MAX) entryMemo.clear();
      entryMemo.set(entry, hit);
    }
    if (Object.hasOwn(out, hit.key)) return null;
    Object.defineProperty(out, hit.key, { value: hit.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** JSON-safe copy: non-finite numbers become null, dates ISO strings; a shared object throws when `seen` is given. */
function plain(v: unknown, seen: Set<object> | null): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'object') return null;
  if (seen) {
    if (seen.has(v)) throw new Shared();
    seen.add(v);
  }
  if (Array.isArray(v)) return v.map((x) => plain(x, seen));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    Object.defineProperty(out, k, { value: plain(x, seen), enumerable: true, writable: true, configurable: true });
  return out;
}

// ---------------------------------------------------------------------------------------------
// the walk

/** What a path holds at the walk's current commit. */
interface PathState {
  blob: string;
  kind: HistoryEntityKind;
  /** Null when the file has never parsed to an identity. */
  key: string | null;
}

interface Walk {
  head: string;
  shallow: boolean;
  truncated: boolean;
  commits: Omit<HistoryCommit, 'release'>[];
  entities: Record<HistoryEntityKind, Record<string, EntityHistory>>;
  /** Path under the work tree → its state at `head`, for extending the walk later. */
  paths: Record<string, PathState>;
}

class Replay {
  readonly paths = new Map<string, PathState>();
  /** `${kind}\0${key}` → the paths holding it. */
  private readonly holders = new Map<string, Set<string>>();
  touched = new Set<string>();

  readonly walk: Walk;
  private readonly prefix: string;
  private readonly blobs: Map<string, Blob>;

  constructor(walk: Walk, prefix: string, blobs: Map<string, Blob>) {
    this.walk = walk;
    this.prefix = prefix;
    this.blobs = blobs;
    for (const [p, s] of Object.entries(walk.paths)) this.set(p, s);
    this.touched.clear();
  }

  private set(path: string, s: PathState | null) {
    const old = this.paths.get(path);
    if (old?.key) {
      const id = `${old.kind}\u0000${old.key}`;
      this.holders.get(id)?.delete(path);
      this.touched.add(id);
    }
    if (!s) {
      this.paths.delete(path);
      return;
    }
    this.paths.set(path, s);
    if (s.key) {
      const id = `${s.kind}\u0000${s.key}`;
      let h = this.holders.get(id);
      if (!h) this.holders.set(id, (h = new Set()));
      h.add(path);
      this.touched.add(id);
    }
  }

  /** A path's new blob; an unreadable one keeps the identity the path had, and records nothing. */
  change(path: string, blob: string | null) {
    const rel = path.slice(this.prefix.length);
    const kind = path.startsWith(this.prefix) ? entityKindOf(rel) : null;
    if (!kind) return;
    if (blob === null) return this.set(path, null);
    const parsed = this.blobs.get(blob);
    const key = parsed ? entityKey(kind, parsed.data) : (this.paths.get(path)?.key ?? null);
    this.set(path, { blob, kind, key });
  }

  /** Records an entry for every entity whose file differs from its last entry. */
  record(c: Omit<HistoryCommit, 'release'>, baseline: boolean) {
    for (const id of [...this.touched].sort()) {
      const [kind, key] = id.split('\u0000') as [HistoryEntityKind, string];
      const table = this.walk.entities[kind];
      const h = table[key];
      const last = h?.entries.at(-1);
      const live = last && last.kind !== 'removed' ? last : null;
      const holders = [...(this.holders.get(id) ?? [])].sort();
      // Duplicate ids: the entity stays with the file it was in while that file still has it.
      const path = live && holders.includes(this.prefix + live.path) ? this.prefix + live.path : holders[0];
      const state = path ? this.paths.get(path) : undefined;
      const parsed = state ? this.blobs.get(state.blob) : undefined;
      const base = { commit: c.commit, date: c.date, subject: c.subject, release: null };
      if (state && parsed) {
        const rel = path.slice(this.prefix.length);
        if (live && live.blob === state.blob && live.path === rel) continue;
        const version = parsed.data.version;
        const entry: HistoryEntry = {
          ...base,
          kind: baseline ? 'baseline' : live ? 'changed' : 'added',
          path: rel,
          version: typeof version === 'string' || typeof version === 'number' ? version : null,
          blob: state.blob,
          data: parsed.data,
        };
        if (h) {
          h.entries.push(entry);
          h.removedRaw = null;
        } else table[key] = { key, entries: [entry], removedRaw: null };
      } else if (!state && live && h) {
        h.entries.push({ ...base, kind: 'removed', path: live.path, version: null, blob: null, data: null });
      }
    }
    this.touched.clear();
  }

  snapshot(): Record<string, PathState> {
    return Object.fromEntries([...this.paths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function logArgs(prefix: string, maxCommits: number, range: string): string[] {
  return [
    'log', '--first-parent', '--diff-merges=first-parent', '--sparse', '--raw', '-z', '--no-renames', '--no-abbrev',
    '--no-textconv', '--no-ext-diff', '--no-color', '--no-relative', '--no-decorate',
    '--format=%x01%H%x00%P%x00%cI%x00%s', `--max-count=${maxCommits}`, range, '--',
    ...KINDS.map((k) => prefix + k),
  ];
}

/** Blob ids a commit's changes bring in: the new side of every regular .yml file of a kind. */
function newBlobs(changes: readonly RawChange[], prefix: string, into: Set<string>) {
  for (const ch of changes)
    if (REGULAR.has(ch.newMode) && !ZERO.test(ch.newBlob) && ch.path.startsWith(prefix) && entityKindOf(ch.path.slice(prefix.length))) into.add(ch.newBlob);
}

function apply(replay: Replay, changes: readonly RawChange[]) {
  // A new side that is not a regular file (deleted, or now a symlink or submodule) empties the path.
  for (const ch of changes) replay.change(ch.path, REGULAR.has(ch.newMode) && !ZERO.test(ch.newBlob) ? ch.newBlob : null);
}

function fullWalk(git: Git, head: string, prefix: string, shallow: boolean, maxCommits: number, maxBlobBytes: number): { walk: Walk; blobsRead: number; walked: number } {
  const log = parseLog(git.run(logArgs(prefix, maxCommits, head), undefined, MAX_LOG_BYTES).toString('utf8')).reverse();
  if (log.length === 0) throw new GitError('git log found no commits');
  if (shallow && log.length === 1)
    throw new GitError('the clone is shallow (one commit), so it has no history; fetch the full history (`fetch-depth: 0` with actions/checkout, or `git fetch --unshallow`)');
  const first = log[0];
  // The first commit is the baseline: its whole tree, not its diff, which may be the whole
  // repository (a root or a shallow boundary) or a single edit (a walk cut by maxCommits).
  const tree = git.run(['ls-tree', '-r', '-z', '--full-tree', first.commit, '--', ...KINDS.map((k) => prefix + k)], undefined, MAX_LOG_BYTES).toString('utf8');
  const baseline: RawChange[] = [];
  for (const item of tree.split('\u0000')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(item);
    if (m && m[2] === 'blob') baseline.push({ oldMode: '000000', newMode: m[1], oldBlob: '0', newBlob: m[3], path: m[4] });
  }
  const ids = new Set<string>();
  newBlobs(baseline, prefix, ids);
  for (const c of log.slice(1)) newBlobs(c.changes, prefix, ids);
  const blobs = readBlobs(git, [...ids], maxBlobBytes);
  const walk: Walk = {
    head,
    shallow,
    truncated: log.length >= maxCommits && first.parents.length > 0,
    commits: [],
    entities: { detections: {}, stories: {}, macros: {} },
    paths: {},
  };
  const replay = new Replay(walk, prefix, blobs);
  log.forEach((c, i) => {
    const commit = { commit: c.commit, date: c.date, subject: c.subject };
    walk.commits.push(commit);
    apply(replay, i === 0 ? baseline : c.changes);
    replay.record(commit, i === 0);
  });
  walk.paths = replay.snapshot();
  keepRemovedRaw(git, walk, blobs, maxBlobBytes);
  return { walk, blobsRead: blobs.size, walked: log.length };
}

/**
 * A cached walk of another clone (the cache is per content folder path and settings, and a
 * folder can be cloned anew) names a head this repository does not have: git then refuses the
 * range, and that walk is simply not extendable.
 */
function extendOrNull<T>(extend: () => T | null): T | null {
  try {
    return extend();
  } catch (e) {
    if (e instanceof GitError && /Invalid revision range|bad revision|unknown revision/i.test(e.message)) return null;
    throw e;
  }
}

/** Extends a cached walk with the commits since its head; null when that head is not on HEAD's first-parent line. */
function extendWalk(git: Git, cached: Walk, head: string, prefix: string, maxCommits: number, maxBlobBytes: number): { walk: Walk; blobsRead: number; walked: number } | null {
  const room = maxCommits - cached.commits.length;
  if (room <= 0) return null;
  const log = parseLog(git.run(logArgs(prefix, room + 1, `${cached.head}..${head}`), undefined, MAX_LOG_BYTES).toString('utf8')).reverse();
  if (log.length === 0 || log.length > room || log[0].parents[0] !== cached.head) return null;
  const ids = new Set<string>();
  for (const c of log) newBlobs(c.changes, prefix, ids);
  const blobs = readBlobs(git, [...ids], maxBlobBytes);
  const walk: Walk = { ...cached, head };
  const replay = new Replay(walk, prefix, blobs);
  for (const c of log) {
    const commit = { commit: c.commit, date: c.date, subject: c.subject };
    walk.commits.push(commit);
    apply(replay, c.changes);
    replay.record(commit, false);
  }
  walk.paths = replay.snapshot();
  keepRemovedRaw(git, walk, blobs, maxBlobBytes);
  return { walk, blobsRead: blobs.size, walked: log.length };
}

/** The last text of each removed entity; one more `cat-file` only for versions read by an earlier walk. */
function keepRemovedRaw(git: Git, walk: Walk, blobs: Map<string, Blob>, maxBlobBytes: number) {
  const missing: { h: EntityHistory; blob: string }[] = [];
  for (const kind of KINDS)
    for (const h of Object.values(walk.entities[kind])) {
      if (h.entries.at(-1)?.kind !== 'removed' || h.removedRaw !== null) continue;
      const blob = h.entries.findLast((e) => e.blob)?.blob;
      if (!blob) continue;
      const b = blobs.get(blob);
      if (b) h.removedRaw = b.raw();
      else missing.push({ h, blob });
    }
  if (missing.length === 0) return;
  const more = readBlobs(git, [...new Set(missing.map((m) => m.blob))], maxBlobBytes);
  for (const m of missing) m.h.removedRaw = more.get(m.blob)?.raw() ?? null;
}

// ---------------------------------------------------------------------------------------------
// cache

interface CacheFile {
  code: number;
  fingerprint: string;
  walk: Walk;
}

/** How many cache files of one content folder and settings are kept (the newest). */
const KEEP_CACHES = 3;

/**
 * V8's serialization rather than JSON: versions share the values of the entries they did not
 * change (`parseByKey`), which JSON would write out again for every version and read back as
 * copies.
 */
function cacheName(head: string, fingerprint: string) {
  return `${head}-${fingerprint}.bin`;
}

function readCache(dir: string, head: string, fingerprint: string): Walk | null {
  try {
    const f = deserialize(readFileSync(join(dir, cacheName(head, fingerprint)))) as CacheFile;
    return f.code === HISTORY_CODE_VERSION && f.fingerprint === fingerprint && f.walk?.head === head ? f.walk : null;
  } catch {
    return null;
  }
}

/** Cached walks of the same settings, newest first: the candidates to extend. */
function cachedHeads(dir: string, fingerprint: string): string[] {
  try {
    const suffix = `-${fingerprint}.bin`;
    return readdirSync(dir)
      .filter((n) => n.endsWith(suffix))
      .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .map((x) => x.n.slice(0, -suffix.length));
  } catch {
    return [];
  }
}

function writeCache(dir: string, walk: Walk, fingerprint: string) {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, cacheName(walk.head, fingerprint));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize({ code: HISTORY_CODE_VERSION, fingerprint, walk } satisfies CacheFile));
    renameSync(tmp, file);
    for (const old of cachedHeads(dir, fingerprint).slice(KEEP_CACHES)) rmSync(join(dir, cacheName(old, fingerprint)), { force: true });
    // Walks cached as JSON by earlier code are never read again.
    for (const name of readdirSync(dir)) if (/^[0-9a-f]{40}-[0-9a-f]+\.json$/.test(name)) rmSync(join(dir, name), { force: true });
  } catch {
    // A cache that cannot be written costs the next build a walk, nothing more.
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The history of CONTENT_DIR's detections, stories and macros along HEAD's first-parent line, or
 * why there is none. Never throws: a missing git, a folder outside a work tree, a one-commit
 * shallow clone, a timeout or an oversized history all give `{ unavailable }`.
 */
export function readContentHistory(contentDir: string, options: HistoryOptions = {}): ContentHistory | Unavailable {
  const maxCommits = Math.max(1, Math.floor(options.maxCommits ?? DEFAULT_MAX_COMMITS));
  const maxBlobBytes = Math.min(options.maxBlobBytes ?? MAX_FILE_BYTES, MAX_FILE_BYTES);
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const where = makeGit(contentDir, deadline, options.env ?? {});
    let info: string[];
    try {
      info = where.run(['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository']).toString('utf8').split('\n');
    } catch (e) {
      const msg = (e as Error).message;
      if (/not a git repository/i.test(msg)) return { unavailable: 'the content folder is not inside a git work tree' };
      throw e;
    }
    const [top, prefix, shallowFlag] = info;
    const git = makeGit(top, deadline, options.env ?? {});
    let head: string;
    try {
      head = git.run(['rev-parse', '--verify', '--end-of-options', 'HEAD^{commit}']).toString('utf8').trim();
    } catch {
      return { unavailable: 'the repository has no commits yet (HEAD names no commit)' };
    }
    const shallow = shallowFlag === 'true';
    const fingerprint = createHash('sha1').update(JSON.stringify([HISTORY_CODE_VERSION, prefix, maxCommits, maxBlobBytes])).digest('hex').slice(0, 12);
    const dir = options.cacheDir ?? null;

    let result: { walk: Walk; blobsRead: number; walked: number; from: ContentHistory['read']['from'] } | null = null;
    const hit = dir ? readCache(dir, head, fingerprint) : null;
    if (hit?.shallow === shallow) result = { walk: hit, blobsRead: 0, walked: 0, from: 'cache' };
    if (!result && dir)
      for (const older of cachedHeads(dir, fingerprint).slice(0, KEEP_CACHES)) {
        const cached = older === head ? null : readCache(dir, older, fingerprint);
        // A clone deepened since keeps nothing: its history now starts earlier.
        const extended = cached?.shallow === shallow ? extendOrNull(() => extendWalk(git, cached, head, prefix, maxCommits, maxBlobBytes)) : null;
        if (extended) {
          result = { ...extended, from: 'cache+git' };
          break;
        }
      }
    result ??= { ...fullWalk(git, head, prefix, shallow, maxCommits, maxBlobBytes), from: 'git' };
    if (dir && result.from !== 'cache') {
      const walk = result.walk;
      const write = () => writeCache(dir, walk, fingerprint);
      if (options.deferCacheWrite) options.deferCacheWrite(write);
      else write();
    }
    // Tags move without HEAD moving (a release tagged after the build), so they are read every time.
    return present(result.walk, prefix, readTags(git), { from: result.from, commitsWalked: result.walked, blobsRead: result.blobsRead });
  } catch (e) {
    return { unavailable: (e instanceof GitError ? e.message : `reading the git history failed: ${(e as Error).message}`).split('\n')[0] };
  }
}

function present(walk: Walk, prefix: string, tags: Map<string, string[]>, read: ContentHistory['read']): ContentHistory {
  const { releaseOf, releases } = assignReleases(walk.commits, tags);
  const rel = (commit: string) => releaseOf.get(commit) ?? null;
  const withReleases = (table: Record<string, EntityHistory>) => {
    const out: Record<string, EntityHistory> = {};
    for (const [k, h] of Object.entries(table)) out[k] = { ...h, entries: h.entries.map((e) => ({ ...e, release: rel(e.commit) })) };
    return out;
  };
  return {
    head: walk.head,
    prefix,
    shallow: walk.shallow,
    truncated: walk.truncated,
    commits: walk.commits.map((c) => ({ ...c, release: rel(c.commit) })),
    releases,
    detections: withReleases(walk.entities.detections),
    stories: withReleases(walk.entities.stories),
    macros: withReleases(walk.entities.macros),
    read,
  };
}
