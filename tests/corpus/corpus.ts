import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/build';
import { loadCatalog, type LoadedCatalog } from '../../src/domain/catalog/load';

export const DIST = join(ROOT, 'dist-corpus');
export const CORPUS = process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus', 'security_content');
export const build = JSON.parse(readFileSync(join(ROOT, 'test-results', 'corpus-build.json'), 'utf8')) as {
  code: number;
  seconds: number;
};

let cached: LoadedCatalog | null = null;
/** The corpus as our loader sees it, for expected values. */
export function corpus(): LoadedCatalog {
  return (cached ??= loadCatalog(CORPUS));
}

export function page(path: string): string {
  const p = join(DIST, path, 'index.html');
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
}
