import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, ROOT } from '../helpers/build';

export const BUNDLE = join(ROOT, '..', 'shared', 'corpus-history', 'security_content.bundle');
export const HISTORY_CLONE = join(ROOT, 'test-results', 'history-clone');

/**
 * Builds the real corpus once for every corpus test file, and, when the history bundle is
 * there, a clone of it (the same content with its git history).
 */
export default async function setup() {
  const corpus = process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus', 'security_content');
  const r = await astroBuild('corpus', 'dist-corpus', { CONTENT_DIR: corpus, BASE_PATH: '' });
  writeFileSync(
    join(ROOT, 'test-results', 'corpus-build.json'),
    JSON.stringify({ code: r.code, seconds: r.seconds, corpus }),
  );
  if (!existsSync(BUNDLE)) {
    console.log(`[history] SKIPPED: ${BUNDLE} is absent, so the history suite has nothing to build`);
    return;
  }
  rmSync(HISTORY_CLONE, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', BUNDLE, HISTORY_CLONE], { stdio: 'inherit' });
  const h = await astroBuild('history', 'dist-history', { CONTENT_DIR: HISTORY_CLONE, BASE_PATH: '' });
  writeFileSync(join(ROOT, 'test-results', 'history-build.json'), JSON.stringify({ code: h.code, seconds: h.seconds }));
}
