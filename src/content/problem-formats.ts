/**
 * The problem report in the forms other tools read: GitHub workflow commands (pull-request
 * annotations) and SARIF 2.1.0 (code scanning). Both name files relative to the repository
 * root, so `prefix` is CONTENT_DIR's own path in its repository (`repoPrefix`).
 */
import { terminalSafe } from '../lib/text/clean.ts';
import { CODE_HELP } from './problem-help.ts';
import { CODE_LABELS, type Problem } from './problems.ts';

/**
 * A workflow command's message, escaped as the runner unescapes it: `%`, CR and LF. A line
 * break in a file name or message therefore stays inside its annotation and can never start
 * a command of its own; other controls are shown as visible escapes (terminalSafe).
 */
export function escapeCommandData(s: string): string {
  return terminalSafe(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command's property value: as data, plus `:` and `,`, which end a property. */
export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `<prefix><file>` with forward slashes, the repository-relative path of a problem's file. */
export const repoPath = (prefix: string, file: string): string => (prefix ? `${prefix.replace(/\/+$/, '')}/${file}` : file);

/** One problem as `::error file=…,line=…,col=…,title=…::reason` (`::warning` for warnings). */
export function githubCommand(p: Problem, prefix = ''): string {
  const props = [`file=${escapeCommandProperty(repoPath(prefix, p.file))}`];
  if (p.line) props.push(`line=${p.line}`);
  if (p.line && p.column) props.push(`col=${p.column}`);
  props.push(`title=${escapeCommandProperty(`${p.code}: ${CODE_LABELS[p.code] ?? p.code}`)}`);
  const reason = p.field ? `${p.field}: ${p.message}` : p.message;
  return `::${p.severity} ${props.join(',')}::${escapeCommandData(reason)}`;
}

/** Every problem as a workflow command, one line each. */
export const githubCommands = (problems: readonly Problem[], prefix = ''): string[] =>
  problems.map((p) => githubCommand(p, prefix));

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A path as a relative URI reference: each segment percent-encoded, so no name can be read as a scheme, query or fragment. */
const uriOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * The report as a SARIF 2.1.0 log: one rule per problem code (every code the catalog knows,
 * with its label and how to fix it), one result per problem at its file, line and column.
 */
export function sarifLog(problems: readonly Problem[], opts: { prefix?: string; version: string; informationUri?: string }) {
  const codes = [...new Set([...Object.keys(CODE_LABELS), ...problems.map((p) => p.code)])];
  const index = new Map(codes.map((c, i) => [c, i]));
  const severity = new Map<string, 'error' | 'warning'>();
  for (const p of problems) if (!severity.has(p.code) || p.severity === 'error') severity.set(p.code, p.severity);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'detection-catalog',
            version: opts.version,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: CODE_LABELS[code] ?? code },
              help: { text: CODE_HELP[code] ?? CODE_LABELS[code] ?? code },
              defaultConfiguration: { level: severity.get(code) ?? 'warning' },
            })),
          },
        },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: index.get(p.code)!,
          level: p.severity,
          message: { text: p.field ? `${p.field}: ${p.message}` : p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(repoPath(opts.prefix ?? '', p.file)), uriBaseId: '%SRCROOT%' },
                ...(p.line
                  ? { region: { startLine: p.line, ...(p.column ? { startColumn: p.column } : {}) } }
                  : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}
