import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOC = 'docs/content-format.md';

/** Every `§N` cited in the code, with the text before it on its line. */
function citations(): { at: string; before: string; section: string }[] {
  const out: { at: string; before: string; section: string }[] = [];
  for (const dir of ['src', 'scripts']) {
    for (const e of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.(ts|mjs|js|astro|css|py)$/.test(e.name)) continue;
      const p = join(e.parentPath, e.name);
      readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/§(\d+(?:\.\d+)?)/g)) out.push({ at: `${relative(ROOT, p)}:${i + 1}`, before: line.slice(0, m.index), section: m[1] });
      });
    }
  }
  return out;
}

describe('the format document the code cites', () => {
  it(`is ${DOC}, in the repository, and holds every section cited`, () => {
    const doc = readFileSync(join(ROOT, DOC), 'utf8');
    const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)[. ]/gm)].map((m) => m[1]));
    const cited = citations();
    expect(cited.length).toBeGreaterThan(5);
    for (const c of cited) {
      expect(c.before, `${c.at} cites §${c.section} without naming ${DOC}`).toContain(DOC);
      expect(sections.has(c.section), `${c.at}: ${DOC} has no §${c.section}`).toBe(true);
    }
  });
});
