import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPUS, DIST } from './corpus';
import { SearchEngine } from '../../src/domain/search/engine';
import { idKey, type MyData } from '../../src/domain/coverage/data';
import { haveMask, runnableStates, RUNNABLE } from '../../src/domain/coverage/rule';
import { rankOnboarding } from '../../src/domain/coverage/onboard';
import { parseSourcesParam } from '../../src/domain/coverage/profile';
import { ranking, readContent, runnable } from '../helpers/my-data-oracle';

/**
 * The issue's "done when", on the built corpus with the browser's own code (no DOM): the
 * profile of the link `?sources=<Sysmon EventID 1>,<Windows Event Log Security 4688>` makes
 * explore's `mine=1&status=production` show exactly the production detections the rule makes
 * runnable (computed apart, from the YAML), and the onboarding list leads with the source
 * that makes the most of the rest runnable.
 */
const present = existsSync(join(DIST, 'my-data', 'data.json'));

describe.skipIf(!present)(
  `My data on the corpus (${present ? 'built' : `skipped: ${join(DIST, 'my-data/data.json')} is absent (no corpus at ${CORPUS}?)`})`,
  () => {
    const text = present ? readFileSync(join(DIST, 'my-data', 'data.json'), 'utf8') : '{}';
    const data = JSON.parse(text) as MyData;
    const content = present ? readContent(CORPUS) : { sources: [], detections: [] };
    const named = (n: string) => content.sources.find((s) => s.name === n)!;
    const profile = ['Sysmon EventID 1', 'Windows Event Log Security 4688'].map(named);
    const have = new Set(profile.map((s) => s.name));

    it('the data file is small enough to load on demand', () => {
      expect(gzipSync(text).length).toBeLessThanOrEqual(40 * 1024);
    });

    it('explore with mine=1&status=production shows exactly the production detections the rule makes runnable', () => {
      const ids = parseSourcesParam(profile.map((s) => s.id).join(','), new Set(data.sources.id))!.ids;
      const index = new Map(data.sources.id.map((id, i) => [id, i]));
      const mask = haveMask(
        data,
        ids.map((id) => index.get(id)!),
      );
      const states = runnableStates(data, mask);
      const engine = new SearchEngine(JSON.parse(readFileSync(join(DIST, 'search-index.json'), 'utf8')));
      const byKey = new Map(data.detections.id.map((k, i) => [k, i]));
      const within = new Set<number>();
      engine.data.docs.id.forEach((id, i) => {
        if (states[byKey.get(idKey(id, data.idWords)) ?? -1] === RUNNABLE) within.add(i);
      });
      const got = engine.search('', { status: ['production'], within }).hits.map((i) => engine.data.docs.id[i]);
      const expected = content.detections
        .filter((d) => d.status === 'production' && runnable(d, have))
        .map((d) => d.id);
      expect(expected.length).toBeGreaterThan(100);
      expect(new Set(got)).toEqual(new Set(expected));
      expect(got).toHaveLength(expected.length);
      console.log(`[my-data] runnable production detections with Sysmon EventID 1 + 4688: ${got.length}`);

      const top = rankOnboarding(data, mask, states)[0];
      const oracle = ranking(
        content.detections,
        content.sources.map((s) => s.name),
        have,
      );
      expect(data.sources.name[top.source]).toBe(oracle[0].name);
      expect(top.gain).toBe(oracle[0].gain);
      console.log(`[my-data] first onboarding item: ${oracle[0].name} (+${oracle[0].gain})`);
    });

    it('keeps every AND entry of the corpus as its parts', () => {
      const yaml = content.detections.flatMap((d) => d.entries.filter((e) => e.length > 1));
      const built = data.detections.entries.flatMap((es) => es.filter((e) => e.length > 1));
      expect(built).toHaveLength(yaml.length);
    });
  },
);
