import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { settings, type Settings } from '../lib/settings.ts';

/** The content settings of a build (src/lib/settings.ts), with CONTENT_DIR made absolute. */
export interface CatalogSettings {
  contentDir: string;
  lenient: boolean;
}

/** Relative CONTENT_DIR values are resolved from the project root, not the shell's cwd. */
export function readSettings(projectRoot: string, s: Pick<Settings, 'CONTENT_DIR' | 'CATALOG_LENIENT'> = settings()): CatalogSettings {
  const dir = s.CONTENT_DIR;
  return {
    contentDir: isAbsolute(dir) ? dir : resolve(projectRoot, dir),
    lenient: s.CATALOG_LENIENT,
  };
}

/**
 * CONTENT_DIR as published (content-report.json, /health/): relative to the project root when
 * inside it, else only its last folder name. The build machine's absolute paths stay private.
 */
export function contentDirLabel(contentDir: string, projectRoot: string): string {
  const rel = relative(resolve(projectRoot), resolve(contentDir));
  if (rel === '') return '.';
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return basename(resolve(contentDir)) || '.';
}

/** `text` with every occurrence of the absolute CONTENT_DIR replaced by its label. */
export function redactContentDir(text: string, contentDir: string, projectRoot: string): string {
  const abs = resolve(contentDir);
  return text.includes(abs) ? text.split(abs).join(contentDirLabel(contentDir, projectRoot)) : text;
}

/**
 * CONTENT_DIR's path inside the git repository holding it (`''` at its root, or when none
 * does): problems name files relative to CONTENT_DIR, annotations and SARIF relative to the
 * repository root. Only `.git` entries of the folders above are looked at, nothing is read.
 */
export function repoPrefix(contentDir: string): string {
  const start = resolve(contentDir);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return relative(dir, start).split(sep).join('/');
    if (dirname(dir) === dir) return '';
  }
}
