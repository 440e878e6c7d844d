import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseBlob, parseByKey } from '../../../src/content/git-history';

const whole = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parsing a version entry by entry', () => {
  it('reads a plain file as the whole-file parser does, and shares unchanged entries between versions', () => {
    const v1 = [
      'name: Sample',
      'id: 0b1e4d1a-0000-4000-8000-000000000001',
      '# a comment at the start of a line',
      "search: '| tstats count where index=* by host'",
      'tags:',
      '  asset_type: Endpoint',
      '  mitre_attack_id:',
      '  - T1204',
      'references:',
      '- https://example.org/a',
      '- https://example.org/b',
      'description: >-',
      '  folded',
      '',
      '  text',
      'version: 1',
    ].join('\n');
    const v2 = v1.replace('version: 1', 'version: 2');
    const a = parseByKey(v1)!;
    const b = parseByKey(v2)!;
    expect(a).toEqual(whole(v1));
    expect(b).toEqual(whole(v2));
    expect(b.tags).toBe(a.tags);
    expect(Object.keys(a)).toEqual(Object.keys(whole(v1) as object));
  });

  it('hands back to the whole-file parser what it cannot cut safely', () => {
    // A quoted value cut by a line that looks like a key leaves its quote open.
    expect(parseByKey("description: 'first line\nrm: -rf'\nid: x")).toBeNull();
    // A flow list cut the same way.
    expect(parseByKey('refs: [a,\nb: c]\nid: x')).toBeNull();
    // An alias to another entry's anchor.
    expect(parseByKey('a: &x {k: 1}\nb: *x')).toBeNull();
    // A repeated key, a document marker, a directive, a tab, a line that is no key.
    expect(parseByKey('id: a\nid: b')).toBeNull();
    expect(parseByKey('---\nid: a')).toBeNull();
    expect(parseByKey('%YAML 1.2\n---\nid: a')).toBeNull();
    expect(parseByKey('id: a\n\tname: b')).toBeNull();
    expect(parseByKey('id: a\nplain continuation')).toBeNull();
    expect(parseByKey('- a\n- b')).toBeNull();
  });

  it('gives the same data either way, through parseBlob', () => {
    const odd = "description: 'first line\nrm: -rf'\nid: x\n";
    expect(parseBlob(bytes(odd))).toEqual(whole(odd));
    const proto = '__proto__:\n  polluted: true\nid: y\n';
    const data = parseBlob(bytes(proto))!;
    expect(Object.keys(data)).toEqual(['__proto__', 'id']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
