import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve, sep } from 'node:path';

/**
 * The project's own modules a page imports, directly or not, for Vite's dev warmup: Vite warms
 * only the files it is given (not their imports) for server-side code, and warming every
 * source file compiled hundreds the page never loads. A static scan of relative `import … from`
 * and `import '…'` (type-only imports left out, as the compiler drops them) is enough here:
 * a module missed is compiled on the request, as without warmup.
 */
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const EXTENSIONS = new Set(['.ts', '.astro', '.mjs', '.js', '.json']);

export function importClosure(root: string, entries: readonly string[], max = 2000): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length > 0 && seen.size < max) {
    const file = queue.pop()!;
    if (seen.has(file) || !EXTENSIONS.has(extname(file)) || !existsSync(file)) continue;
    seen.add(file);
    if (extname(file) === '.json') continue;
    let text = readFileSync(file, 'utf8');
    // An Astro component's imports are in its frontmatter.
    if (file.endsWith('.astro')) text = text.split(/^---\s*$/m)[1] ?? '';
    for (const m of text.matchAll(IMPORT)) queue.push(resolve(dirname(file), m[1]!));
  }
  return [...seen].map((f) => `./${relative(root, f).split(sep).join('/')}`).sort();
}
