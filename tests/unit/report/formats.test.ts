import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  escapeCommandData,
  escapeCommandProperty,
  githubCommand,
  sarifLog,
} from '../../../src/content/problem-formats';
import { CODE_HELP } from '../../../src/content/problem-help';
import { CODE_LABELS, type Problem } from '../../../src/content/problems';
import { repoPrefix } from '../../../src/content/content-dir';
import { sarifErrors } from '../../helpers/sarif';
import { parseCommand } from '../../helpers/workflow-commands';

const problem = (over: Partial<Problem> = {}): Problem => ({
  severity: 'error',
  code: 'yaml-syntax',
  file: 'detections/endpoint/a.yml',
  line: 12,
  column: 7,
  field: null,
  message: 'Missing closing "quote',
  entry: null,
  ...over,
});

describe('GitHub workflow commands', () => {
  it('prints one command per problem with the file from the repository root, line, column, title and reason', () => {
    expect(githubCommand(problem(), 'security_content')).toBe(
      '::error file=security_content/detections/endpoint/a.yml,line=12,col=7,title=yaml-syntax%3A YAML syntax error::Missing closing "quote',
    );
    expect(
      githubCommand(
        problem({
          severity: 'warning',
          code: 'unknown-story',
          line: null,
          column: null,
          field: 'tags.analytic_story[0]',
          message: 'no story "X"',
        }),
      ),
    ).toBe(
      '::warning file=detections/endpoint/a.yml,title=unknown-story%3A unknown analytic story::tags.analytic_story[0]: no story "X"',
    );
  });

  it('escapes as the runner unescapes: data %, CR, LF; properties also : and ,', () => {
    expect(escapeCommandData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    expect(escapeCommandProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // Other controls become visible escapes: no terminal sequence from content.
    expect(escapeCommandData('x\u001b[2Jy\u202e')).toBe('x\\x1b[2Jy\\u202e');
  });

  it('lets no file name, field or message forge a command, a property or a line of its own', () => {
    const forged = [
      'detections/endpoint/evil\n::error::forged\r::set-output name=x::y.yml',
      'detections/endpoint/a.yml,line=1,title=fake::x.yml',
      'detections/endpoint/%0A::error::encoded.yml',
      'detections/endpoint/::stop-commands::tok.yml',
    ];
    for (const file of forged) {
      const p = problem({ file, field: 'name\n::warning::x', message: 'bad,\n::add-mask::secret %0A' });
      const line = githubCommand(p);
      expect(line.split(/\r\n|\r|\n/)).toHaveLength(1);
      const parsed = parseCommand(line);
      expect(parsed, line).not.toBeNull();
      // The runner gets back exactly the values, and no property beyond ours.
      expect(parsed!.command).toBe('error');
      expect(Object.keys(parsed!.props)).toEqual(['file', 'line', 'col', 'title']);
      expect(parsed!.props.file).toBe(file);
      expect(parsed!.message).toBe('name\n::warning::x: bad,\n::add-mask::secret %0A');
    }
  });
});

describe('SARIF', () => {
  const problems = [
    problem(),
    problem({ severity: 'warning', code: 'risky-spl', file: 'detections/a b/#x?.yml', line: null, column: null }),
    problem({ code: 'schema', field: 'id', message: 'must be a UUID', column: null }),
  ];

  it('validates against the SARIF 2.1.0 schema, with one rule per code and a help text for each', () => {
    const log = sarifLog(problems, { prefix: 'content', version: '1.0.0' });
    expect(sarifErrors(log)).toEqual([]);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(CODE_LABELS));
    for (const r of rules) expect(r.help.text.length, r.id).toBeGreaterThan(20);
    expect(log.runs[0].results).toHaveLength(3);
    const [a, b, c] = log.runs[0].results;
    expect(a.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'content/detections/endpoint/a.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 7 },
    });
    expect(rules[a.ruleIndex].id).toBe('yaml-syntax');
    // A file name cannot become a query or a fragment of the URI.
    expect(b.locations[0].physicalLocation.artifactLocation.uri).toBe('content/detections/a%20b/%23x%3F.yml');
    expect(b.level).toBe('warning');
    expect(c.message.text).toBe('id: must be a UUID');
  });

  it('the schema check fails a log that breaks it (the check can fail)', () => {
    const log = sarifLog(problems, { version: '1.0.0' }) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    expect(sarifErrors(log).length).toBeGreaterThan(0);
    expect(sarifErrors({ version: '2.1.0' }).length).toBeGreaterThan(0);
  });

  it('has a help text for every code and no help for a code that does not exist', () => {
    expect(Object.keys(CODE_HELP).sort()).toEqual(Object.keys(CODE_LABELS).sort());
  });

  it('docs/for-content-teams.md explains every code with its help text', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/for-content-teams.md'), 'utf8');
    for (const code of Object.keys(CODE_LABELS)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` `));
      expect(row, code).toBeDefined();
      expect(row!.replace(/\\\|/g, '|'), code).toContain(CODE_HELP[code]);
    }
  });
});

describe('repoPrefix', () => {
  it('is CONTENT_DIR inside the repository that holds it, empty at its root or with no repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'repo-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'content', 'sub'), { recursive: true });
    expect(repoPrefix(root)).toBe('');
    expect(repoPrefix(join(root, 'content', 'sub'))).toBe('content/sub');
    // A worktree or submodule has a .git file.
    writeFileSync(join(root, 'content', '.git'), 'gitdir: elsewhere\n');
    expect(repoPrefix(join(root, 'content', 'sub'))).toBe('sub');
  });
});
