import type {
  Baseline, Common, DataSource, Detection, EntryKind, Investigation, Lookup, Macro, Playbook, Story,
} from './model.ts';
import type { SourceFile, Parsed } from './schemas/result.ts';
import { parseDetection } from './schemas/detection.ts';
import { parseStory } from './schemas/story.ts';
import { parseMacro } from './schemas/macro.ts';
import { parseLookup, type LookupData } from './schemas/lookup.ts';
import { parseDataSource } from './schemas/data-source.ts';
import { parseBaseline, parseInvestigation } from './schemas/baseline.ts';
import { parsePlaybook } from './schemas/playbook.ts';

/**
 * The entity kinds of the catalog, in the order they are loaded (and so the order their
 * problems are reported in). The loader, the duplicate and URL checks, the content report and
 * the tests iterate this table; adding a kind is one entry here plus its model type, its schema
 * and its pages.
 */

/** What the loader offers a parser besides the file's data. */
export interface ParseContext {
  /** A lookup's data file (lookups/<filename>), summarized; null when it cannot be read. */
  readCsv: (filename: string, owner: string) => LookupData | null;
}

export interface KindSpec<K extends string, T> {
  /** The list of `LoadedContent` (and of the content report's counts). */
  key: K;
  /** `entry.kind` of its entries, which problems name too. */
  kind: EntryKind;
  /** Folder under CONTENT_DIR. */
  folder: string;
  /** Whether files in subfolders of `folder` belong to the kind. */
  recursive: boolean;
  parse: (data: Record<string, unknown>, source: SourceFile, ctx: ParseContext) => Parsed<T>;
  /**
   * Why a file found in the folder is not an entry (given its path under `folder`), or null.
   * Only detections refuse files: their folder is their URL category.
   */
  ignore?: (rel: string) => string | null;
  /**
   * Whether the YAML cache may hand back the normalized entry of unchanged bytes. Not for
   * lookups: their entry also holds their CSV, which the YAML file's bytes do not fix.
   */
  reuseNormalized: boolean;
  /**
   * The URL of an entry: `/<folder>/<segment>/`, the segment being its slug or its id. A
   * detection's folder is its own (`/<detection folder>/<id>/`), hence null. `param` names the
   * segment's parameter in the page's route file (src/pages/<folder>/[<param>].astro).
   */
  url: { folder: string | null; segment: 'slug' | 'id'; param: string };
  /** The field problems name an entry by (`entry.key` of a problem). */
  problemKey: 'id' | 'slug' | 'name';
  /** For people: "1 data source", "205 data sources". */
  label: { one: string; many: string };
  /** Its list in the API (`/api/<file>` holding `{ "<key>": [...] }`), if it has one. */
  api: { file: string; key: string } | null;
}

const kind = <K extends string, T>(spec: KindSpec<K, T>) => spec;

export const KINDS = [
  kind<'detections', Detection>({
    key: 'detections', kind: 'detection', folder: 'detections', recursive: true,
    // The folder under detections/ is the detection's URL category.
    parse: (data, f) => parseDetection(data, { filePath: f.filePath, raw: f.raw, folder: f.subfolder.split('/')[0] }),
    ignore: (rel) => (rel.split('/')[0].includes('.yml') ? 'detections must sit in a folder under detections/ (the folder is the URL category); file ignored' : null),
    reuseNormalized: true,
    url: { folder: null, segment: 'id', param: 'id' },
    problemKey: 'id',
    label: { one: 'detection', many: 'detections' },
    api: { file: 'detections.json', key: 'detections' },
  }),
  kind<'stories', Story>({
    key: 'stories', kind: 'story', folder: 'stories', recursive: true, parse: parseStory, reuseNormalized: true,
    url: { folder: 'stories', segment: 'slug', param: 'slug' },
    problemKey: 'slug',
    label: { one: 'story', many: 'stories' },
    api: { file: 'stories.json', key: 'stories' },
  }),
  kind<'macros', Macro>({
    key: 'macros', kind: 'macro', folder: 'macros', recursive: false, parse: parseMacro, reuseNormalized: true,
    url: { folder: 'macros', segment: 'slug', param: 'name' },
    problemKey: 'name',
    label: { one: 'macro', many: 'macros' },
    api: { file: 'macros.json', key: 'macros' },
  }),
  kind<'lookups', Lookup>({
    key: 'lookups', kind: 'lookup', folder: 'lookups', recursive: false,
    parse: (data, f, ctx) => parseLookup(data, f, (fn) => ctx.readCsv(fn, String(data.name ?? f.stem))),
    reuseNormalized: false,
    url: { folder: 'lookups', segment: 'slug', param: 'name' },
    problemKey: 'name',
    label: { one: 'lookup', many: 'lookups' },
    api: { file: 'lookups.json', key: 'lookups' },
  }),
  kind<'dataSources', DataSource>({
    key: 'dataSources', kind: 'data_source', folder: 'data_sources', recursive: false, parse: parseDataSource, reuseNormalized: true,
    url: { folder: 'sources', segment: 'id', param: 'id' },
    problemKey: 'id',
    label: { one: 'data source', many: 'data sources' },
    api: { file: 'data_sources.json', key: 'data_sources' },
  }),
  kind<'baselines', Baseline>({
    key: 'baselines', kind: 'baseline', folder: 'baselines', recursive: true, parse: parseBaseline, reuseNormalized: true,
    url: { folder: 'baselines', segment: 'id', param: 'id' },
    problemKey: 'id',
    label: { one: 'baseline', many: 'baselines' },
    api: null,
  }),
  kind<'investigations', Investigation>({
    key: 'investigations', kind: 'investigation', folder: 'investigations', recursive: false, parse: parseInvestigation, reuseNormalized: true,
    url: { folder: 'investigations', segment: 'id', param: 'id' },
    problemKey: 'id',
    label: { one: 'investigation', many: 'investigations' },
    api: null,
  }),
  kind<'playbooks', Playbook>({
    key: 'playbooks', kind: 'playbook', folder: 'playbooks', recursive: false, parse: parsePlaybook, reuseNormalized: true,
    url: { folder: 'playbooks', segment: 'slug', param: 'slug' },
    problemKey: 'slug',
    label: { one: 'playbook', many: 'playbooks' },
    api: null,
  }),
] as const;

type AnyKind = (typeof KINDS)[number];
export type KindKey = AnyKind['key'];
/** The entry type of a kind, read from its table entry. */
export type EntryOf<K extends KindKey> = Extract<AnyKind, { key: K }> extends KindSpec<K, infer T> ? T : never;
/** One list per kind: the shape `LoadedContent`, the indexes' input and the URL claims share. */
export type KindLists = { [K in KindKey]: EntryOf<K>[] };

export const KIND_KEYS: readonly KindKey[] = KINDS.map((k) => k.key);

/** The table for code that handles every kind alike (entries seen as their shared fields). */
export const EVERY_KIND: readonly KindSpec<KindKey, Common & { kind: EntryKind }>[] = KINDS;

/** The URL segment of an entry of a kind (its slug or its id). */
export function segmentOf(k: Pick<AnyKind, 'url'>, e: { id?: string | null; slug?: string }): string {
  return k.url.segment === 'slug' ? (e.slug as string) : (e.id ?? '');
}

/** How many entries of each kind, in the table's order (the content report's counts). */
export function kindCounts(lists: KindLists): Record<KindKey, number> {
  return Object.fromEntries(KINDS.map((k) => [k.key, lists[k.key].length])) as Record<KindKey, number>;
}

/** The route parameters of an entry's page: its segment, and a detection's folder. */
export function paramsOf(k: Pick<AnyKind, 'url'>, e: { id?: string | null; slug?: string; folder?: string }): Record<string, string> {
  const params: Record<string, string> = { [k.url.param]: segmentOf(k, e) };
  if (k.url.folder === null) params.folder = e.folder ?? '';
  return params;
}

/** The site path of an entry's page (`stories/<slug>/`, a detection's `<folder>/<id>/`). */
export function pageOf(k: Pick<AnyKind, 'url'>, e: { id?: string | null; slug?: string; folder?: string }): string {
  return `${k.url.folder ?? e.folder}/${segmentOf(k, e)}/`;
}

/** The page of the entry a problem names, or null when that entry was not published. */
export function problemPage(entry: { kind: string; key: string }, lists: KindLists): string | null {
  const k = EVERY_KIND.find((x) => x.kind === entry.kind);
  const e = k && (lists[k.key] as (Common & { slug?: string; folder?: string })[]).find((x) => x[k.problemKey] === entry.key);
  return k && e ? pageOf(k, e) : null;
}
