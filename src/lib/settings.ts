import { z } from 'zod';
import { terminalSafe } from './text/clean.ts';
import { basePath } from './base-path.ts';

/**
 * Every setting the site takes from the environment, validated once: the one place that reads
 * `process.env` (a unit test holds every other module to that) and the one spelling of a
 * boolean. The README's "Settings" table documents each key; a unit test checks it names them
 * all. Server and build code only: the browser gets what it needs from the pages.
 */

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

/** A flag: unset is `fallback`; otherwise one of the spellings above, in any case. */
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const s = v.trim().toLowerCase();
      if (TRUE.includes(s)) return true;
      if (FALSE.includes(s)) return false;
      ctx.addIssue({
        code: 'custom',
        message: `must be one of ${TRUE.join(', ')} (on) or ${FALSE.filter(Boolean).join(', ')} or empty (off)`,
      });
      return z.NEVER;
    });

/** A string whose empty or unset value means `fallback`, as every text setting has always had. */
const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || fallback);

const HTTP_URL = 'must be an absolute http:// or https:// URL';
const isHttpUrl = (s: string) => {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};
const httpUrl = (fallback: string) => text(fallback).refine(isHttpUrl, HTTP_URL);

export const settingsSchema = z.object({
  CONTENT_DIR: text('./content'),
  CATALOG_LENIENT: flag(false),
  CATALOG_INCREMENTAL: flag(true),
  CATALOG_HISTORY: flag(true),
  SITE_URL: httpUrl('http://127.0.0.1:4321'),
  BASE_PATH: z
    .string()
    .optional()
    .transform((v) => basePath(v)),
  SITE_NAME: text('Detection Catalog'),
  // Unset means no Splunk is known: Try in Splunk asks the visitor rather than guess a localhost.
  SPLUNK_WEB_URL: text('').refine((s) => s === '' || isHttpUrl(s), HTTP_URL),
  // The rule Try in Splunk links apply (src/domain/urls/splunk.ts): a default it would replace is a mistake.
  SPLUNK_APP: text('search').refine(
    (s) => /^[A-Za-z0-9_.-]{1,80}$/.test(s),
    'must be a Splunk app id: letters, digits, _ . - (at most 80)',
  ),
  REPO_URL: httpUrl('https://github.com/splunk/security_content').transform((s) => s.replace(/\/+$/, '')),
  REPO_BRANCH: text('develop'),
  // Where the highlighter keeps its disk cache; unset is node_modules/.cache under the working folder.
  CATALOG_CACHE_DIR: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  // Astro reads this one itself, after astro.config.mjs has written back the value decided here.
  ASTRO_TELEMETRY_DISABLED: flag(true),
  // How problems are printed: `github` adds one workflow command per problem (pull-request annotations).
  CATALOG_REPORT: text('text').refine(
    (s) => s === 'text' || s === 'github',
    'must be text (the default) or github (GitHub workflow commands)',
  ),
  // How much of the build log is shown: `quiet` is one progress line and our summary.
  CATALOG_LOG: text('quiet').refine(
    (s) => s === 'quiet' || s === 'verbose',
    'must be quiet (the default) or verbose (the full Astro log)',
  ),
  // Set by CI services, with values of their own (`true`, `1`, a service name): any value but a
  // flag's off spelling means on, so no CI is ever refused for spelling it differently.
  CI: z
    .string()
    .optional()
    .transform((v) => v !== undefined && !FALSE.includes(v.trim().toLowerCase())),
});

export type SettingName = keyof z.output<typeof settingsSchema>;
/** The values, and which variables were left unset (or empty) and so took their default. */
export type Settings = Readonly<z.output<typeof settingsSchema>> & { readonly unset: readonly SettingName[] };
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as SettingName[];

/**
 * Settings that shape the output: all but where a cache lives, what only Astro's CLI reads and
 * what only changes the log (how it is printed, whether it runs in CI or for deployment).
 */
const LOG_ONLY: readonly SettingName[] = [
  'ASTRO_TELEMETRY_DISABLED',
  'CATALOG_CACHE_DIR',
  'CATALOG_REPORT',
  'CATALOG_LOG',
  'CI',
];
export const PAGE_SETTING_NAMES = SETTING_NAMES.filter((k) => !LOG_ONLY.includes(k));

/**
 * A build for deployment, where warnings about settings a local build does not need (SITE_URL)
 * apply: one in CI. Not NODE_ENV=production: Astro sets that itself in every build before this
 * module reads the environment, so a value the user set cannot be told from Astro's.
 */
export const forDeployment = (s: Settings): boolean => s.CI;

/** Invalid settings: one line per variable, naming it, its value and what it accepts. */
export class SettingsError extends Error {
  readonly lines: readonly string[];
  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.name = 'SettingsError';
    this.lines = lines;
  }
}

/** The settings of `env`, or a SettingsError listing every bad variable. */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const picked = Object.fromEntries(SETTING_NAMES.map((k) => [k, env[k]]));
  const r = settingsSchema.safeParse(picked);
  if (r.success)
    return Object.freeze({ ...r.data, unset: Object.freeze(SETTING_NAMES.filter((k) => !env[k]?.trim())) });
  const byName = new Map<string, string>();
  for (const issue of r.error.issues) {
    const name = String(issue.path[0]);
    if (!byName.has(name)) byName.set(name, `${name}=${JSON.stringify(env[name] ?? '')} ${issue.message}`);
  }
  throw new SettingsError(SETTING_NAMES.filter((k) => byName.has(k)).map((k) => byName.get(k)!));
}

let memo: Settings | undefined;

/**
 * This process's settings, read from the environment on first use. Invalid settings end the
 * process with one line per bad variable: the first read is astro.config.mjs loading, before
 * Astro has a logger, and a stack trace there would only hide the lines that matter.
 */
export function settings(): Settings {
  if (memo) return memo;
  try {
    return (memo = parseSettings(process.env));
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    console.error(
      `\nBuild stopped: invalid settings (see the README's "Settings" table).\n${e.lines.map((l) => `  ${terminalSafe(l)}`).join('\n')}\n`,
    );
    process.exit(1);
  }
}

/**
 * What a tool the build runs (git) needs of the environment to be found and to start: PATH and
 * HOME. No setting, and nothing else: the build's secrets stay out of the child's environment.
 */
export function toolEnv(): Readonly<Record<string, string | undefined>> {
  return { PATH: process.env.PATH, HOME: process.env.HOME };
}
