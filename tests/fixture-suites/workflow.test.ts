/**
 * docs/github-workflow.yml, run here rather than on GitHub: its `run:` steps are executed as
 * written, with its `${{ … }}` expressions filled in from a pretend GitHub context, against a
 * git clone of the sample content laid out as the workflow checks it out. Steps that are
 * GitHub actions (`uses:`) or the install are not run; the install must stay `npm install`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build';
import { sarifErrors } from '../helpers/sarif';
import { parseCommand } from '../helpers/workflow-commands';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW_TEXT = readFileSync(join(ROOT, 'docs', 'github-workflow.yml'), 'utf8');
const workflow = parse(WORKFLOW_TEXT) as Workflow;
const DETECTION = 'detections/cloud/aws_console_login_from_new_country.yml';

let ws = '';
let temp = '';
let content = '';

/** The GitHub context the expressions read; an expression naming anything else fails the test. */
const context = (): Record<string, unknown> => ({
  github: {
    workspace: ws,
    server_url: 'https://github.com',
    repository: 'example-org/security_content',
    ref_name: 'develop',
    event_name: 'push',
  },
  runner: { temp },
  steps: { pages: { outputs: { origin: 'https://example-org.github.io', base_path: '/security_content' } } },
});

function expand(text: string): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, path: string) => {
    let v: unknown = context();
    for (const k of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
    if (typeof v !== 'string') throw new Error(`the workflow reads ${path}, which this test does not provide`);
    return v;
  });
}

/**
 * Runs one `run:` step as the runner would (bash, `-e`), in the catalog (this project) with the
 * workflow's, the job's and the step's environment. `extra` is appended to the command.
 */
function runStep(job: Job, step: Step, extra = '') {
  expect(step['working-directory']).toBe('catalog');
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const e of [workflow.env, job.env ?? {}, step.env ?? {}])
    for (const [k, v] of Object.entries(e)) if (!/\$\{\{\s*(vars|env)\./.test(String(v))) env[k] = expand(String(v));
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_ENV') delete env[k];
  const r = spawnSync('bash', ['-e', '-c', `${expand(step.run!)}${extra}`], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const runSteps = (job: Job) => job.steps.filter((s) => s.run && !/^npm install\b/.test(s.run));

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'workflow-'));
  temp = join(ws, '_temp');
  content = join(ws, 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', content, ...args], {
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q', '-b', 'develop');
  git('add', '-A');
  git('commit', '-q', '-m', 'content');
});

afterAll(() => rmSync(ws, { recursive: true, force: true }));

describe('docs/github-workflow.yml', () => {
  it('checks pull requests without secrets and publishes the default branch from a full clone', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(WORKFLOW_TEXT).not.toMatch(/^\s*pull_request_target/m);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const { check, publish } = workflow.jobs;
    expect(check.if).toBe("github.event_name == 'pull_request'");
    expect(JSON.stringify(check)).not.toContain('secrets.');
    expect(publish.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const contentCheckout = publish.steps.find(
      (s) => s.uses?.startsWith('actions/checkout') && s.with?.path === 'content',
    );
    expect(contentCheckout?.with?.['fetch-depth']).toBe(0);
    expect(publish.steps.some((s) => s.uses?.startsWith('actions/deploy-pages'))).toBe(true);
    expect(publish.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe(
      'catalog/dist',
    );
    // Installed as the README says: npm ci refuses lock files made on other platforms.
    for (const job of [check, publish])
      expect(job.steps.filter((s) => s.run?.startsWith('npm ')).map((s) => s.run)[0]).toBe(
        'npm install --no-audit --no-fund',
      );
  });

  it('pull request check: one annotation per problem, on the file from the repository root; fails on errors', () => {
    const job = workflow.jobs.check;
    const [step] = runSteps(job);
    const file = join(content, DETECTION);
    const good = readFileSync(file, 'utf8');
    const line = good.split('\n').findIndex((l) => l.startsWith('type: ')) + 1;
    writeFileSync(file, good.replace(/^type: (.*)$/m, "type: '$1"));
    try {
      const r = runStep(job, step);
      expect(r.code, r.err).toBe(1);
      const commands = r.out
        .split('\n')
        .filter((l) => l.startsWith('::'))
        .map((l) => parseCommand(l)!);
      expect(commands.filter((c) => c.command === 'error')).toEqual([
        {
          command: 'error',
          props: { file: DETECTION, line: String(line), col: '7', title: 'yaml-syntax: YAML syntax error' },
          message: "the quote opened here is never closed (Missing closing 'quote)",
        },
      ]);
      expect(commands.filter((c) => c.command === 'warning').length).toBeGreaterThan(0);
      const sarif = JSON.parse(readFileSync(join(temp, 'content-report.sarif'), 'utf8')) as unknown;
      expect(sarifErrors(sarif)).toEqual([]);
    } finally {
      writeFileSync(file, good);
    }
    expect(runStep(job, step).code).toBe(0);
  });

  it('publish: builds the site for its Pages address, with history and links to the fork', () => {
    const job = workflow.jobs.publish;
    const [step] = runSteps(job);
    expect(step.run).toBe('npm run build');
    const out = join(ws, 'site');
    // Into a folder of its own, so the suite leaves the project's dist/ alone.
    const r = runStep(job, step, ` -- --outDir ${JSON.stringify(out)}`);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toMatch(/history: \d+ commits/);
    const id = /^id: (\S+)/m.exec(readFileSync(join(content, DETECTION), 'utf8'))![1];
    const page = readFileSync(join(out, 'cloud', id, 'index.html'), 'utf8');
    expect(page).toContain(`<link rel="canonical" href="https://example-org.github.io/security_content/cloud/${id}/"`);
    expect(page).toContain('href="/security_content/');
    expect(page).toContain(`https://github.com/example-org/security_content/blob/develop/${DETECTION}`);
    expect(existsSync(join(out, 'content-report.sarif'))).toBe(true);
    // The SITE_URL warning is for builds that forgot it; this one set it.
    expect(r.out + r.err).not.toContain('SITE_URL is not set');
  });
});
