import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes the benchmark's floor: a bare Astro project that renders every corpus detection with
 * only its name, description and a Shiki-highlighted search (our SPL grammar), nothing else.
 */
export function makeFloorProject(dir, corpus, projectRoot) {
  mkdirSync(join(dir, 'src', 'pages', '[folder]'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'floor', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ build: { format: 'directory' }, devToolbar: { enabled: false } });\n`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', '[folder]', '[id].astro'),
    `---
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { indentQuotedContinuations } from ${JSON.stringify(join(projectRoot, 'src', 'content', 'yaml-file.ts'))};
import { Code } from 'astro:components';
import grammar from ${JSON.stringify(join(projectRoot, 'src', 'domain', 'spl', 'spl.tmLanguage.json'))};

export function getStaticPaths() {
  const base = ${JSON.stringify(join(corpus, 'detections'))};
  const out = [];
  for (const folder of readdirSync(base)) {
    for (const f of readdirSync(join(base, folder))) {
      if (!f.endsWith('.yml')) continue;
      const d = parse(indentQuotedContinuations(readFileSync(join(base, folder, f), 'utf8')), { version: '1.1' });
      out.push({ params: { folder, id: String(d.id).toLowerCase() }, props: { name: d.name, description: d.description, search: d.search } });
    }
  }
  return out;
}
const { name, description, search } = Astro.props;
---
<html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>
<body><h1>{name}</h1><p>{description}</p><Code code={search} lang={grammar} themes={{ light: 'github-light', dark: 'github-dark' }} /></body></html>
`,
  );
}
