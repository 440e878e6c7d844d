import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildSession, openSession } from '../../../src/build/session';
import { entityRoute } from '../../../src/build/routes';
import { PageBuild } from '../../../src/build/incremental';
import { loadCatalog } from '../../../src/domain/catalog/load';

const ROOT = process.cwd();
const sample = loadCatalog(join(ROOT, 'content'));

describe('entity routes', () => {
  it('without a page build (dev) list every page and make a view only when its page reads the props', async () => {
    const s = openSession(new BuildSession(join(ROOT, 'content'), () => sample));
    s.pageBuild = null;
    const viewed: string[] = [];
    const paths = await entityRoute('macros', (m) => {
      viewed.push(m.name);
      return { name: m.name };
    })();
    expect(paths).toHaveLength(sample.macros.length);
    expect(viewed).toEqual([]);
    const one = paths[1];
    expect(one.props.name).toBe(s.catalog().macros[1].name);
    expect({ ...one.props }).toEqual({ name: s.catalog().macros[1].name });
    expect(viewed).toEqual([s.catalog().macros[1].name]);
  });

  it('in an incremental build make every listed view up front (its fingerprint covers the props)', async () => {
    const s = openSession(new BuildSession(join(ROOT, 'content'), () => sample));
    s.pageBuild = new PageBuild(join(ROOT, 'no-such-output'), 'test', null);
    const viewed: string[] = [];
    const paths = await entityRoute('macros', (m) => {
      viewed.push(m.name);
      return { name: m.name };
    })();
    expect(paths).toHaveLength(sample.macros.length);
    expect(viewed).toHaveLength(sample.macros.length);
    s.pageBuild = null;
  });
});
