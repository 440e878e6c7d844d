/**
 * The one normalized model every page, index and test works with.
 * All three YAML generations (2024 "tags" RBA, contentctl-5 `rba:`, ESCU-6 `finding:`)
 * are turned into these shapes by the schemas in src/content/schemas/ and nowhere else.
 */

export type Generation = '2024' | 'contentctl5' | 'escu6';
export type DetectionType = 'TTP' | 'Anomaly' | 'Hunting' | 'Correlation';
export type DetectionStatus = 'production' | 'experimental' | 'deprecated' | 'validation' | 'removed';
export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** What every content object carries; metadata is nullable because old macros and lookups omit it. */
export interface Common {
  id: string | null;
  name: string;
  version: number | null;
  /** Last modification, `YYYY-MM-DD`. */
  date: string | null;
  /** ESCU-6 `creation_date`; null when the file does not say. */
  created: string | null;
  author: string | null;
  description: string;
  references: string[];
  /** Path relative to CONTENT_DIR, with forward slashes. */
  filePath: string;
  /** The file's text as read (BOM removed), shown in the raw-YAML view. */
  raw: string;
}

export interface Drilldown {
  name: string;
  /** As written, `%original_detection_search%` kept. */
  search: string;
  earliest: string | null;
  latest: string | null;
}

export interface AttackData {
  data: string;
  source: string;
  sourcetype: string;
  customIndex: string | null;
  host: string | null;
}

export interface DetectionTest {
  name: string;
  testType: string | null;
  attackData: AttackData[];
}

export interface RiskObject {
  field: string;
  /** `user`, `system` or `other` (contentctl-5 vocabulary). */
  type: string;
  score: number;
  /** The 2024 observable type this came from (e.g. `Hostname`), for display. */
  observableType: string | null;
}

export interface ThreatObject {
  field: string;
  type: string;
  observableType: string | null;
  /** True when the type is outside contentctl-5's closed enum (old mapping output). */
  legacy: boolean;
}

export interface Rba {
  /** Risk message, or the ESCU-6 finding title; `$field$` tokens kept. */
  message: string;
  riskObjects: RiskObject[];
  threatObjects: ThreatObject[];
  /** 2024 inputs, kept so the page can show how the score was computed. */
  legacy: {
    confidence: number;
    impact: number;
    /** `impact × confidence / 100` before rounding (the archived site printed this). */
    quotient: number;
    declaredRiskScore: number | null;
  } | null;
}

export interface Detection extends Common {
  kind: 'detection';
  id: string;
  generation: Generation;
  /** Folder under detections/ (`endpoint`, `cloud`, `deprecated`, …): the first URL segment. */
  folder: string;
  /** research.splunk.com's name alias `/<folder>/<alias>/` (decided once, when loading). */
  alias: string;
  type: DetectionType;
  status: DetectionStatus;
  search: string;
  howToImplement: string;
  knownFalsePositives: string;
  /** Data-source names after splitting `A AND B` entries. */
  dataSources: string[];
  /**
   * The `data_source` entries with their parts (`A AND B` → `[A, B]`): a detection can run when
   * every part of one entry is present, which the flat list above cannot tell.
   */
  dataSourceEntries: string[][];
  drilldowns: Drilldown[];
  tests: DetectionTest[];
  stories: string[];
  assetType: string | null;
  securityDomain: string | null;
  products: string[];
  /** ATT&CK ids as written (upper-cased, trimmed, de-duplicated). */
  mitreIds: string[];
  cves: string[];
  atomicGuids: string[];
  groups: string[];
  manualTest: string | null;
  requiredFields: string[];
  rba: Rba | null;
  /** Highest risk-object score (2024: round(c×i/100)); null without risk objects. */
  riskScore: number | null;
  severity: Severity | null;
  nist: string[];
  cis20: string[];
  enabledByDefault: boolean;
  explanation: string | null;
}

export interface Story extends Common {
  kind: 'story';
  id: string;
  /** research.splunk.com slug: lowercased, spaces → `_`, made path-safe. */
  slug: string;
  status: 'production' | 'deprecated';
  narrative: string;
  categories: string[];
  usecase: string | null;
  products: string[];
  cves: string[];
  groups: string[];
}

export interface Macro extends Common {
  kind: 'macro';
  /** `/macros/<slug>/`: the name made path-safe, case kept (decided once, when loading). */
  slug: string;
  definition: string;
  arguments: string[];
}

export interface Lookup extends Common {
  kind: 'lookup';
  /** `/lookups/<slug>/`: the name made path-safe, case kept (decided once, when loading). */
  slug: string;
  lookupType: 'csv' | 'kvstore' | 'mlmodel';
  /** Data file name in lookups/ (csv or mlmodel); null for KV-store lookups. */
  filename: string | null;
  collection: string | null;
  /** KV-store field list, or the CSV header. */
  fields: string[];
  matchType: string[];
  defaultMatch: string | null;
  minMatches: number | null;
  maxMatches: number | null;
  caseSensitiveMatch: boolean | null;
  /** First rows of the CSV (header excluded), capped; empty when there is no CSV. */
  preview: string[][];
  rowCount: number | null;
  /** Only the CSV's start was read (it is over the size cap): `rowCount` is a lower bound. */
  rowCountAtLeast: boolean;
  /**
   * The CSV as a download at `lookups/<slug>/<file>` (src/content/lookup-file.ts), when it was
   * read whole; null for KV-store and model lookups, a missing file or one over the size cap.
   */
  download: { file: string; bytes: number } | null;
}

export interface SupportedTa {
  name: string;
  url: string | null;
  version: string | null;
}

export interface DataSource extends Common {
  kind: 'data_source';
  id: string;
  source: string | null;
  sourcetype: string | null;
  separator: string | null;
  separatorValue: string | null;
  configuration: string | null;
  supportedTa: SupportedTa[];
  fields: string[];
  outputFields: string[];
  exampleLog: string | null;
  mitreComponents: string[];
}

export interface Baseline extends Common {
  kind: 'baseline';
  id: string;
  status: 'production' | 'deprecated';
  search: string;
  howToImplement: string;
  knownFalsePositives: string;
  stories: string[];
  detections: string[];
  products: string[];
  securityDomain: string | null;
  requiredFields: string[];
}

export interface Investigation extends Common {
  kind: 'investigation';
  id: string;
  search: string;
  howToImplement: string;
  knownFalsePositives: string;
  stories: string[];
  products: string[];
  securityDomain: string | null;
  requiredFields: string[];
}

export interface Playbook extends Common {
  kind: 'playbook';
  id: string;
  /** `/playbooks/<slug>/`: name lowercased, spaces → `_`. */
  slug: string;
  /** File stem, which may differ from the slug in case (old links use it). */
  stem: string;
  type: string;
  playbook: string;
  howToImplement: string;
  appList: string[];
  platformTags: string[];
  playbookType: string | null;
  vpeType: string | null;
  products: string[];
  useCases: string[];
  defendTechniques: string[];
  stories: string[];
  detections: string[];
  playbookFields: string[];
  labels: string[];
}

export type Entry = Detection | Story | Macro | Lookup | DataSource | Baseline | Investigation | Playbook;
export type EntryKind = Entry['kind'];
