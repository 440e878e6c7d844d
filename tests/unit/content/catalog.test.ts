import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { BuildSession, openSession } from '../../../src/build/session';
import { catalog } from '../../../src/build/session';
import { problemKey } from '../../../src/content/problems';

const dir = join(process.cwd(), 'content');

describe('catalog(): what pages read', () => {
  it('serves the entries of the last load, sorted by name, with their file text and indexes', async () => {
    const loaded = loadCatalog(dir);
    openSession(new BuildSession(dir, () => loaded));
    const c = await catalog();
    expect(c.detections).toHaveLength(loaded.detections.length);
    const names = c.detections.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // The pages' raw-YAML view needs the file as read, which the content store leaves out.
    const d = c.detections[0]!;
    expect(d.raw.length).toBeGreaterThan(0);
    expect(d.raw).toContain(d.name);
    expect(c.refs.get(d.id)).toBeDefined();
    // The load's own order is left alone: the integration and the loaders read it too.
    expect(loaded.detections.map((x) => x.id)).toEqual(loadCatalog(dir).detections.map((x) => x.id));
    expect(c.problems.map(problemKey)).toEqual(loaded.problems.map(problemKey).sort((a, b) => a.localeCompare(b)));
  });

  it('is built once per load, and again after the content is loaded anew (dev edits)', async () => {
    const first = loadCatalog(dir);
    openSession(new BuildSession(dir, () => first));
    const a = await catalog();
    expect(await catalog()).toBe(a);
    const edited = loadCatalog(dir);
    edited.detections[0] = { ...edited.detections[0]!, name: 'Renamed In Dev' };
    openSession(new BuildSession(dir, () => edited));
    const b = await catalog();
    expect(b).not.toBe(a);
    expect(b.detections.map((d) => d.name)).toContain('Renamed In Dev');
    expect(a.detections.map((d) => d.name)).not.toContain('Renamed In Dev');
  });
});
