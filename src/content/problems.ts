/**
 * The problem report: every error and warning found in one run, each pointing at a file,
 * a position when the parser knows one, a field path and a plain reason.
 */
import { counted } from '../lib/text/plural.ts';
import { terminalSafe } from '../lib/text/clean.ts';

export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  severity: ProblemSeverity;
  /** Stable machine-readable reason, e.g. `yaml-syntax`, `unknown-story`. */
  code: string;
  /** Path relative to CONTENT_DIR, forward slashes. */
  file: string;
  line: number | null;
  column: number | null;
  /** Dotted field path (`tags.mitre_attack_id[0]`), or null for whole-file problems. */
  field: string | null;
  message: string;
  /** The entry the problem belongs to, when it was loaded (lets /health/ link to its page). */
  entry: { kind: string; key: string; name: string } | null;
}

export interface ReportSummary {
  errors: number;
  warnings: number;
  byCode: { code: string; severity: ProblemSeverity; count: number }[];
}

/** Human label for each code, used in the summary's "top reasons". */
export const CODE_LABELS: Record<string, string> = {
  'yaml-syntax': 'YAML syntax error',
  'yaml-alias': 'too many YAML aliases (alias bomb)',
  'yaml-duplicate-key': 'duplicate key in a mapping',
  encoding: 'file is not valid UTF-8',
  'file-too-large': 'file larger than the size limit',
  'empty-file': 'file is empty',
  'not-a-mapping': 'file is not a YAML mapping',
  'read-error': 'file could not be read',
  schema: 'missing or wrong-typed field',
  'duplicate-id': 'id used by more than one object',
  'duplicate-name': 'name used by more than one object',
  'unknown-story': 'unknown analytic story',
  'unknown-macro': 'unknown macro',
  'unknown-lookup': 'unknown lookup',
  'unknown-data-source': 'unknown data source',
  'unknown-detection': 'unknown detection name',
  'unknown-attack-id': 'ATT&CK id not in the bundled ATT&CK data',
  'invalid-attack-id': 'malformed ATT&CK id',
  'revoked-attack-id': 'revoked ATT&CK technique',
  'deprecated-attack-id': 'deprecated ATT&CK technique',
  'technique-with-subtechnique': 'technique listed with its own sub-technique',
  'missing-filter-macro': 'search lacks its filter macro',
  'name-too-long': 'name longer than contentctl allows',
  'file-name-rule': 'file name does not follow the name',
  'drilldowns-required': 'production detection needs two drilldowns',
  'tests-required': 'production detection needs a test',
  'rba-token-not-in-search': 'risk field or message token missing from the search',
  'rba-required': 'TTP/Anomaly detection without risk objects',
  'non-http-reference': 'reference is not an http(s) URL',
  'update-placeholder': 'file contains the __UPDATE__ placeholder',
  'deprecated-story-ref': 'active content names a deprecated story',
  'lookup-file-missing': 'lookup data file missing',
  'lookup-csv': 'lookup CSV malformed',
  'invalid-value': 'value outside the allowed vocabulary',
  'ignored-file': 'file ignored',
  // Files and folders outside the rules: symlinks, sizes, expansion caps.
  symlink: 'symbolic link in the content (never followed)',
  'special-file': 'device, socket or pipe in the content (not read)',
  'expansion-too-large': 'macro expansion over the size or work cap',
  'drilldown-too-large': 'drilldowns too large with the search copied in',
  'lookup-too-large': 'lookup CSV over the size cap (first rows shown, no download)',
  'text-too-large': 'text too large to show completely',

  // URL segments: collisions, reserved names.
  'duplicate-slug': 'URL or name taken by an earlier file (case, look-alike characters)',
  'reserved-name': "name or folder is one of the site's own files",
  'invalid-folder': 'detection folder is not a plain URL segment',

  // Text that must stay text: links, dates, control characters.
  'control-character': 'control characters removed from a value',
  'link-userinfo': 'link with a user name that reads like its host',
  'link-idn-host': 'link to a non-ASCII (look-alike) host',
  'link-invisible': 'link with bidi or invisible characters',
  'link-whitespace': 'link with a tab, line break or control character',
  'link-private-host': 'link to a loopback or private-network host',
  'link-text-mismatch': 'link text names another address',
  'future-date': 'date after the build day',
  'name-like-id': 'name reads as an ATT&CK id or CVE',

  // Risky SPL.
  'risky-spl': 'search writes, deletes, sends or runs something',
  'invisible-in-search': 'invisible or bidi characters in a search',

};

export function summarize(problems: readonly Problem[]): ReportSummary {
  const counts = new Map<string, { code: string; severity: ProblemSeverity; count: number }>();
  for (const p of problems) {
    const k = `${p.severity}:${p.code}`;
    const c = counts.get(k) ?? { code: p.code, severity: p.severity, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  const byCode = [...counts.values()].sort(
    (a, b) => (a.severity === b.severity ? b.count - a.count || a.code.localeCompare(b.code) : a.severity === 'error' ? -1 : 1),
  );
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    byCode,
  };
}

/**
 * `file:line:col  field  message`, the form editors and CI logs turn into links. File names,
 * fields and messages come from content: terminalSafe keeps each problem on its one line, so a
 * name cannot start a line of its own (`::error::` in a CI log) or send escape sequences.
 */
export function formatProblem(p: Problem): string {
  const pos = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : '';
  const field = p.field ? ` [${terminalSafe(p.field)}]` : '';
  return `${p.severity === 'error' ? 'error' : 'warning'} ${terminalSafe(p.file)}${pos}${field}: ${terminalSafe(p.message)}`;
}

/** The text printed at the end of every build (and before failing one). */
export function formatSummary(problems: readonly Problem[], opts: { listErrors: boolean; top?: number }): string {
  const s = summarize(problems);
  const lines: string[] = [];
  if (opts.listErrors && s.errors) {
    lines.push(`Content errors (${s.errors}):`);
    for (const p of problems) if (p.severity === 'error') lines.push(`  ${formatProblem(p)}`);
    lines.push('');
  }
  lines.push(`Content report: ${counted(s.errors, 'error')}, ${counted(s.warnings, 'warning')}`);
  for (const c of s.byCode.slice(0, opts.top ?? 10)) {
    lines.push(`  ${String(c.count).padStart(5)}  ${c.severity.padEnd(7)} ${terminalSafe(c.code)} — ${terminalSafe(CODE_LABELS[c.code] ?? c.code)}`);
  }
  return lines.join('\n');
}

/** One key per problem: its content-store id, and the order problems are listed in. */
export function problemKey(p: Problem): string {
  return `${p.file}:${p.line ?? 0}:${p.column ?? 0}:${p.code}:${p.field ?? ''}:${p.message}`;
}
