import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importClosure } from '../../../src/build/warmup';

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'warmup-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

describe('dev warmup list', () => {
  it("lists a page's own modules, through components and re-exports, without type-only imports or packages", () => {
    const root = project({
      'src/pages/p.astro': `---\nimport Card from '../components/Card.astro';\nimport type { T } from '../lib/types.ts';\nimport { z } from 'zod';\n---\n<p>import x from './not-code.ts'</p>`,
      'src/components/Card.astro': `---\nimport {\n  a,\n  b,\n} from '../lib/a.ts';\n---\n<div />`,
      'src/lib/a.ts': `export { c } from './c.ts';\nimport data from './d.json' with { type: 'json' };\nexport const a = 1;`,
      'src/lib/c.ts': `import './side-effect.ts';\nexport const c = await import('./lazy.ts');`,
      'src/lib/side-effect.ts': '',
      'src/lib/d.json': '{}',
      'src/lib/types.ts': 'export type T = 1;',
      'src/lib/lazy.ts': '',
    });
    expect(importClosure(root, ['src/pages/p.astro'])).toEqual([
      './src/components/Card.astro',
      './src/lib/a.ts',
      './src/lib/c.ts',
      './src/lib/d.json',
      './src/lib/side-effect.ts',
      './src/pages/p.astro',
    ]);
  });

  it("covers the real detection page's components", () => {
    const list = importClosure(process.cwd(), ['src/pages/[folder]/[id].astro']);
    expect(list).toContain('./src/layouts/BaseLayout.astro');
    expect(list).toContain('./src/components/history/CodeDiff.astro');
    expect(list).toContain('./src/build/highlight/highlight.ts');
  });
});
