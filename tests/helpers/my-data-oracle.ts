import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * The My data rule computed straight from the YAML, apart from the site's loader and domain
 * code, as the expected values of the e2e and corpus tests: a detection is runnable when every
 * `AND` part of one of its `data_source` entries is a data source in the profile.
 */
export interface OracleDetection {
  id: string;
  name: string;
  status: string;
  entries: string[][];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

export function readContent(contentDir: string) {
  const sources = yamlFiles(join(contentDir, 'data_sources')).map((f) => {
    const y = load(readFileSync(f, 'utf8')) as { id: string; name: string };
    return { id: y.id, name: y.name.trim() };
  });
  const detections: OracleDetection[] = yamlFiles(join(contentDir, 'detections')).map((f) => {
    const y = load(readFileSync(f, 'utf8')) as Record<string, unknown>;
    const list = [...((y.data_source as string[] | null) ?? []), ...((y.data_sources as string[] | null) ?? [])];
    return {
      id: String(y.id),
      name: String(y.name).trim(),
      status: String(y.status ?? 'production'),
      entries: list.map((e) => e.split('AND').map((s) => s.trim())).filter((p) => p.some(Boolean)),
    };
  });
  return { sources, detections };
}

export function runnable(d: OracleDetection, have: ReadonlySet<string>): boolean {
  return d.entries.some((e) => e.every((n) => have.has(n)));
}

/** Data-source names outside `have`, best first: production detections each alone makes runnable. */
export function ranking(
  detections: readonly OracleDetection[],
  sourceNames: readonly string[],
  have: ReadonlySet<string>,
): { name: string; gain: number }[] {
  const blind = detections.filter((d) => d.status === 'production' && !runnable(d, have));
  return sourceNames
    .filter((n) => !have.has(n))
    .map((name) => {
      const more = new Set([...have, name]);
      return { name, gain: blind.filter((d) => runnable(d, more)).length };
    })
    .filter((r) => r.gain > 0)
    .sort((a, b) => b.gain - a.gain || a.name.localeCompare(b.name));
}
