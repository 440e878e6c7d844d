import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Build settings read from the environment once, so every module agrees on them.
 */
export interface CatalogSettings {
  contentDir: string;
  lenient: boolean;
}

const truthy = (v: string | undefined) => !!v && !['0', 'false', 'no', ''].includes(v.toLowerCase());

/** Relative CONTENT_DIR values are resolved from the project root, not the shell's cwd. */
export function readSettings(projectRoot: string, env: Record<string, string | undefined> = process.env): CatalogSettings {
  const dir = env.CONTENT_DIR?.trim() || './content';
  return {
    contentDir: isAbsolute(dir) ? dir : resolve(projectRoot, dir),
    lenient: truthy(env.CATALOG_LENIENT),
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
