import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, ROOT } from '../helpers/build';

/** Builds the real corpus once for every corpus test file. */
export default async function setup() {
  const corpus = process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus', 'security_content');
  const r = await astroBuild('corpus', 'dist-corpus', { CONTENT_DIR: corpus, BASE_PATH: '' });
  writeFileSync(
    join(ROOT, 'test-results', 'corpus-build.json'),
    JSON.stringify({ code: r.code, seconds: r.seconds, corpus }),
  );
}
