import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildSession, catalog, openSession } from '../../../src/build/session';
import { loadCatalog } from '../../../src/domain/catalog/load';

const sample = loadCatalog(join(process.cwd(), 'content'));

describe('a history read elsewhere', () => {
  it('is waited for by ready() and the pages, and never read on this thread meanwhile', async () => {
    let readHere = 0;
    const s = openSession(
      new BuildSession(
        join(process.cwd(), 'content'),
        () => sample,
        () => (readHere++, { unavailable: 'read here' }),
      ),
    );
    let arrive: (h: { unavailable: string }) => void = () => undefined;
    void s.useHistoryLater(new Promise((r) => (arrive = r)), Promise.resolve(null));
    expect(() => s.history()).toThrow(/await ready/);
    let ready = false;
    void s.ready().then(() => (ready = true));
    const pages = catalog();
    await new Promise((r) => setTimeout(r, 10));
    expect(ready).toBe(false);
    arrive({ unavailable: 'no git here' });
    expect((await pages).history).toBeNull();
    expect(ready).toBe(true);
    expect(s.history().why).toBe('no git here');
    expect(readHere).toBe(0);
  });
});
