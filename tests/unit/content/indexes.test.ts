import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { buildIndexes, relatedDetections } from '../../../src/domain/catalog/indexes';

const c = loadCatalog(join(process.cwd(), 'content'));
const ix = buildIndexes(c);
const byName = (n: string) => c.detections.find((d) => d.name === n)!;

describe('cross-reference indexes over the sample content', () => {
  it('finds a lookup used through a macro definition, and says which macro', () => {
    const d = byName('Windows Remote Admin Tool Execution');
    expect(d.search).not.toContain('lookup remote_admin_tools');
    expect(ix.refs.get(d.id)!.lookups).toEqual([expect.objectContaining({ name: 'remote_admin_tools', via: 'remote_admin_tool_names' })]);
    expect(ix.lookupsByMacro.get('remote_admin_tool_names')).toEqual(['remote_admin_tools']);
    expect(ix.detectionsByLookup.get('remote_admin_tools')!.map((x) => x.name)).toContain(d.name);
  });

  it('keeps a lookup called in the search itself without a via', () => {
    const d = byName('Kubernetes Interactive Shell In Container');
    const lookups = ix.refs.get(d.id)!.lookups;
    expect(lookups.map((l) => l.name)).toEqual(['suspicious_shells']);
    expect(lookups[0].via).toBeUndefined();
  });

  it('follows macros that call macros, and stops on a cycle', () => {
    const cyc = buildIndexes({
      ...c,
      macros: [
        { ...c.macros[0], name: 'a', definition: '`b` | lookup one x', arguments: [] },
        { ...c.macros[0], name: 'b', definition: '`a` | lookup two y', arguments: [] },
      ],
    });
    expect(cyc.lookupsByMacro.get('a')!.sort()).toEqual(['one', 'two']);
  });

  it('relates detections by shared techniques first', () => {
    const d = byName('Windows LSASS Memory Access - Credential Dumping');
    expect(relatedDetections(d, ix).map((x) => x.name)).toContain('Windows Credential Access Risk Correlation');
  });

  it('puts detections of the same story reading the same data before those only on the same technique', () => {
    const base = byName('Kubernetes Interactive Shell In Container');
    const mk = (name: string, o: object) => ({ ...base, id: `00000000-0000-4000-8000-${name.padStart(12, '0')}`, name, ...o });
    const sameStory = mk('1', { mitreIds: ['T9999'] });
    const sameTechnique = mk('2', { stories: [], dataSources: ['Other Data'] });
    const d = mk('3', {});
    const c2 = { ...c, detections: [...c.detections, sameStory, sameTechnique, d] };
    const names = relatedDetections(d, buildIndexes(c2), 50).map((x) => x.name);
    expect(names.indexOf('1')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('2')).toBeGreaterThan(names.indexOf('1'));
  });

  it('links a deprecated detection to the successor its description names, and only a deprecated one', () => {
    const old = byName('Windows LSASS Dump Via Procdump');
    expect(old.status).toBe('deprecated');
    expect(ix.refs.get(old.id)!.replacements.map((d) => d.name)).toEqual(['Windows LSASS Memory Access - Credential Dumping']);
    expect(ix.refs.get(byName('Web Shell URL Pattern Access').id)!.replacements.map((d) => d.name)).toEqual([
      'Java Web Server Writes JSP File',
    ]);
    // The same words in a live detection's description name no successor.
    const live = { ...old, status: 'production' as const };
    const again = buildIndexes({ ...c, detections: c.detections.map((d) => (d.id === old.id ? live : d)) });
    expect(again.refs.get(old.id)!.replacements).toEqual([]);
    expect(again.refs.get(old.id)!.possibleReplacements).toEqual([]);
  });

  it("leaves deprecated detections out of a live detection's related ones, not out of a deprecated one's", () => {
    const live = byName('Windows LSASS Memory Access - Credential Dumping');
    const old = byName('Windows LSASS Dump Via Procdump');
    // They share a technique, so only the status keeps the old one out.
    expect(old.mitreIds.filter((t) => live.mitreIds.includes(t))).not.toEqual([]);
    expect(relatedDetections(live, ix, 50).map((x) => x.name)).not.toContain(old.name);
    expect(relatedDetections(live, ix, 50).length).toBeGreaterThan(0);
    expect(relatedDetections(old, ix, 50).map((x) => x.name)).toContain(live.name);
  });
});
