import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The rule as the repository configures it (eslint.config.js), run over imports written here so
// that a zone dropped or a folder mis-ordered turns this red, not only a future upward import.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('imports run one way: lib → content → domain → views → build → components/layouts → pages', () => {
  it.each([
    ['src/lib/zz.ts', "import { KINDS } from '../content/kinds.ts';\nexport const k = KINDS;"],
    ['src/content/zz.ts', "import { href } from '../domain/urls/index.ts';\nexport const h = href;"],
    [
      'src/content/zz.ts',
      "import type { DetectionView } from '../views/detection.ts';\nexport type V = DetectionView;",
    ],
    ['src/domain/zz.ts', "import { detectionView } from '../views/detection.ts';\nexport const v = detectionView;"],
    ['src/domain/zz.ts', "export const load = () => import('../build/session.ts');"],
    ['src/views/zz.ts', "import { catalog } from '../build/session.ts';\nexport const c = catalog;"],
    ['src/build/zz.ts', "import Code from '../components/ui/Code.astro';\nexport const c = Code;"],
    [
      'src/components/ui/Zz.astro',
      "---\nimport { GET } from '../../pages/robots.txt.ts';\nconst g = GET;\n---\n<p>{String(g)}</p>\n",
    ],
    ['src/client/zz.ts', "import { catalog } from '../build/session.ts';\nexport const c = catalog;"],
    ['src/client/zz.ts', "import { detectionView } from '../views/detection.ts';\nexport const v = detectionView;"],
  ])('%s may not import upward (%#)', async (file, code) => {
    expect(await restricted(file, code)).toEqual([expect.stringContaining('may import only')]);
  });

  it.each([
    ['src/domain/zz.ts', "import { KINDS } from '../content/kinds.ts';\nexport const k = KINDS;"],
    ['src/views/zz.ts', "import { href } from '../domain/urls/index.ts';\nexport const h = href;"],
    ['src/build/zz.ts', "import { detectionView } from '../views/detection.ts';\nexport const v = detectionView;"],
    [
      'src/components/ui/Zz.astro',
      "---\nimport { highlight } from '../../build/highlight/highlight.ts';\nconst h = highlight;\n---\n<p>{String(h)}</p>\n",
    ],
    ['src/client/zz.ts', "import { href } from '../domain/urls/index.ts';\nexport const h = href;"],
  ])('%s may import downward (%#)', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
