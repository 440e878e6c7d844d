import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/lib/content/load';
import { buildIndexes, relatedDetections } from '../../../src/lib/content/indexes';

const c = loadCatalog(join(process.cwd(), 'content'));
const ix = buildIndexes(c);
const byName = (n: string) => c.detections.find((d) => d.name === n)!;

describe('cross-reference indexes over the sample content', () => {
  it('finds a lookup used through a macro definition, and says which macro', () => {
    const d = byName('Windows Remote Admin Tool Execution');
    expect(d.search).not.toContain('lookup remote_admin_tools');
    expect(ix.facts.get(d.id)!.lookups).toEqual([expect.objectContaining({ name: 'remote_admin_tools', via: 'remote_admin_tool_names' })]);
    expect(ix.lookupsByMacro.get('remote_admin_tool_names')).toEqual(['remote_admin_tools']);
    expect(ix.detectionsByLookup.get('remote_admin_tools')!.map((x) => x.name)).toContain(d.name);
  });

  it('keeps a lookup called in the search itself without a via', () => {
    const d = byName('Kubernetes Interactive Shell In Container');
    const lookups = ix.facts.get(d.id)!.lookups;
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
});
