import { isAbsolute, resolve } from 'node:path';

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
