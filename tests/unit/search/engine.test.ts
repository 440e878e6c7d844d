import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { buildIndexes } from '../../../src/domain/catalog/indexes';
import { buildSearchData, terms } from '../../../src/domain/search/records';
import { SearchEngine, WEIGHTS } from '../../../src/domain/search/engine';
import { parseQuery } from '../../../src/domain/search/query';
import { buildSearchText } from '../../../src/domain/search/text';

let engine: SearchEngine;
const names = (hits: number[]) => hits.map((i) => engine.data.docs.name[i]);

beforeAll(() => {
  const c = loadCatalog(join(process.cwd(), 'content'));
  const ix = buildIndexes(c);
  // Through JSON, exactly as the browser receives it.
  engine = new SearchEngine(JSON.parse(JSON.stringify(buildSearchData(c.detections, ix.refs, c.stories))));
});

describe('parseQuery', () => {
  it('separates technique ids, CVEs, prefixes, phrases and free text', () => {
    const q = parseQuery('t1059.001 CVE-2021-44228 story:"Kubernetes Security" ds:falco "encoded command" powershell');
    expect(q.techniques).toEqual(['T1059.001']);
    expect(q.cves).toEqual(['CVE-2021-44228']);
    expect(q.prefixes).toEqual([
      { key: 'story', value: 'Kubernetes Security', exact: true },
      { key: 'ds', value: 'falco' },
    ]);
    expect(q.phrases).toEqual(['encoded command']);
    expect(q.text).toBe('powershell');
  });

  it('sets aside words shaped like an ATT&CK id that no id can be, but not one still being typed', () => {
    expect(parseQuery('T1204x powershell').badTechniques).toEqual(['T1204X']);
    expect(parseQuery('t12045').badTechniques).toEqual(['T12045']);
    expect(parseQuery('T1204.0').badTechniques).toEqual([]);
    expect(parseQuery('T1204.0').text).toBe('T1204.0');
    expect(parseQuery('T1204.002').techniques).toEqual(['T1204.002']);
  });

  it('keeps unknown prefixes as text', () => {
    expect(parseQuery('foo:bar').text).toBe('foo:bar');
  });
});

describe('terms', () => {
  it('keeps joined words and their parts', () => {
    expect(terms('Run cmd.exe via T1059.001')).toEqual([
      'run',
      'cmd.exe',
      'cmd',
      'exe',
      'via',
      't1059.001',
      't1059',
      '001',
    ]);
  });
});

describe('SearchEngine on the sample content', () => {
  it('weights names above everything else', () => {
    expect(Math.max(...Object.values(WEIGHTS))).toBe(WEIGHTS.name);
  });

  it('a technique id returns detections mapped to it or its sub-techniques, direct ones first', () => {
    const all = { status: ['production', 'experimental', 'deprecated'] };
    const r = names(engine.search('t1003', all).hits);
    expect(r.slice(0, 2).sort()).toEqual([
      'Windows Credential Access Risk Correlation',
      'Windows LSASS Memory Access - Credential Dumping',
    ]);
    expect(r).toContain('Windows LSASS Dump Via Procdump');
    expect(r).toHaveLength(3);
  });

  it('a sub-technique id matches exactly', () => {
    expect(names(engine.search('T1003.001').hits)).toEqual(['Windows LSASS Memory Access - Credential Dumping']);
    expect(names(engine.search('T1003.001 status:deprecated').hits)).toEqual(['Windows LSASS Dump Via Procdump']);
    expect(names(engine.search('T1003.001', { status: ['production', 'deprecated'] }).hits).sort()).toEqual([
      'Windows LSASS Dump Via Procdump',
      'Windows LSASS Memory Access - Credential Dumping',
    ]);
  });

  it('a CVE id matches exactly', () => {
    expect(names(engine.search('cve-2023-23397').hits)).toEqual([
      'Outlook Reminder With UNC Sound Path - CVE-2023-23397',
    ]);
  });

  it('an exact story name returns its detections first and names the story', () => {
    const r = engine.search('kubernetes security');
    expect(names(r.hits).slice(0, 2).sort()).toEqual([
      'Kubernetes Interactive Shell In Container',
      'Kubernetes Pod Created In Kube-System - Namespace Abuse',
    ]);
    expect(engine.data.dict.stories[r.stories[0]]).toBe('Kubernetes Security');
  });

  it('tolerates a missing letter', () => {
    expect(names(engine.search('Kubernetes Interactve Shell').hits)[0]).toBe(
      'Kubernetes Interactive Shell In Container',
    );
    expect(names(engine.search('credntial').hits)).toContain('Windows LSASS Memory Access - Credential Dumping');
  });

  it('finds two words run together when a space was dropped', () => {
    expect(names(engine.search('rareparent').hits)).toEqual(['Windows Rare Parent Of Command Shell']);
    expect(names(engine.search('Windows EncodedPowerShell').hits)[0]).toBe('Windows Encoded PowerShell Command Line');
  });

  it('does not split a word that is still being typed', () => {
    // "kubernete" starts a term: it is a prefix, not "kuber" + "nete".
    expect(names(engine.search('kubernete').hits)).toContain('Kubernetes Interactive Shell In Container');
  });

  it('lets an earlier word missing its last letter match as a prefix', () => {
    // "win" is no term; without the prefix every "shell" detection would tie.
    expect(names(engine.search('Win Shell').hits)).toEqual(['Windows Rare Parent Of Command Shell']);
  });

  it('matches the word being typed as a prefix', () => {
    expect(names(engine.search('lsa').hits)).toContain('Windows LSASS Memory Access - Credential Dumping');
    expect(names(engine.search('dump').hits)).toContain('Windows LSASS Memory Access - Credential Dumping');
    // A finished word that is a term is not also a prefix: "dump " does not find "dumping".
    expect(names(engine.search('dump status:deprecated').hits)).toContain('Windows LSASS Dump Via Procdump');
    expect(names(engine.search('dump ').hits)).not.toContain('Windows LSASS Memory Access - Credential Dumping');
  });

  it('ranks name matches above story or data-source matches', () => {
    expect(names(engine.search('powershell').hits)[0]).toMatch(/PowerShell/);
  });

  it('finds a bare detection type, names first', () => {
    const r = names(engine.search('hunting', { status: ['production', 'experimental', 'deprecated'] }).hits);
    expect(r.sort()).toEqual([
      'Web Shell URL Pattern Access',
      'Windows Rare Parent Of Command Shell',
      'Windows Remote Admin Tool Execution',
    ]);
    expect(names(engine.search('TTP').hits).length).toBeGreaterThan(3);
  });

  it('applies prefixes and quoted phrases', () => {
    expect(names(engine.search('type:hunting status:deprecated').hits)).toEqual(['Web Shell URL Pattern Access']);
    expect(names(engine.search('type:hunting').hits).sort()).toEqual([
      'Windows Rare Parent Of Command Shell',
      'Windows Remote Admin Tool Execution',
    ]);
    expect(names(engine.search('ds:falco').hits)).toHaveLength(2);
    expect(names(engine.search('ds:sysmon').hits)).toContain('Windows LSASS Memory Access - Credential Dumping');
    expect(names(engine.search('"encoded command"').hits)).toEqual(['Windows Encoded PowerShell Command Line']);
    expect(names(engine.search('tactic:"initial access" story:kubernetes').hits)).toEqual([
      'Kubernetes Pod Created In Kube-System - Namespace Abuse',
    ]);
  });

  it('filters by facets, counting each facet without its own selection', () => {
    const r = engine.search('', { type: ['Hunting'] });
    // Three hunting detections, one of them deprecated and left out.
    expect(r.hits).toHaveLength(2);
    expect(r.facets.type.get('TTP')).toBeGreaterThan(0);
    expect(r.facets.status.get('production')).toBe(1);
    expect(engine.search('', { type: ['Hunting', 'Correlation'] }).hits).toHaveLength(3);
    expect(engine.search('', { type: ['Hunting'], status: ['deprecated'] }).hits).toHaveLength(1);
  });

  it('filters by update date', () => {
    const r = engine.search('', { since: '2026-06-01' });
    expect(r.hits.every((i) => engine.data.docs.date[i] >= '2026-06-01')).toBe(true);
    expect(r.hits.length).toBeGreaterThan(0);
  });

  it('sorts by name and by date', () => {
    const byName = names(engine.search('', {}, 'name').hits);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    const dates = engine.search('', {}, 'newest').hits.map((i) => engine.data.docs.date[i]);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('exact values, unknown ids and hidden statuses', () => {
  const withDs = (ds: string, all = false) =>
    engine.data.docs.dataSources
      .map((list, i) => [list.map((k) => engine.data.dict.dataSources[k]), i] as const)
      .filter(([list, i]) => list.includes(ds) && (all || engine.doc(i).status !== 'deprecated'))
      .map(([, i]) => engine.data.docs.name[i])
      .sort();

  it('a quoted prefix value must equal a value, not appear inside one', () => {
    const exact = names(engine.search('ds:"Sysmon EventID 1"').hits).sort();
    expect(exact).toEqual(withDs('Sysmon EventID 1'));
    expect(exact.length).toBeGreaterThan(1);
    // Sysmon EventID 10 contains "Sysmon EventID 1" but is another source.
    expect(exact).not.toContain('Windows LSASS Memory Access - Credential Dumping');
    expect(names(engine.search('ds:"sysmon eventid 1"').hits).sort()).toEqual(exact);
    expect(engine.search('story:"Kubernetes"').hits).toEqual([]);
    expect(engine.search('story:Kubernetes').hits.length).toBeGreaterThan(0);
  });

  it('the quoted value and the facet agree on the same source', () => {
    const viaFacet = names(engine.search('', { ds: ['Sysmon EventID 1'] }).hits).sort();
    expect(names(engine.search('ds:"Sysmon EventID 1"').hits).sort()).toEqual(viaFacet);
  });

  it('an id that cannot be a technique matches nothing and is reported', () => {
    const r = engine.search('T1204x');
    expect(r.hits).toEqual([]);
    expect(r.unknown).toEqual([{ id: 'T1204X', malformed: true }]);
    expect(engine.search('T1003').unknown).toEqual([]);
  });

  it('a well-formed id no detection maps to matches nothing and is reported', () => {
    const r = engine.search('T9999 powershell');
    expect(r.hits).toEqual([]);
    expect(r.unknown).toEqual([{ id: 'T9999', malformed: false }]);
    expect(engine.search('technique:T9999').unknown).toEqual([{ id: 'T9999', malformed: false }]);
  });

  it('leaves deprecated detections out unless the status facet or prefix asks', () => {
    const dep = 'Windows LSASS Dump Via Procdump';
    expect(names(engine.search('').hits)).not.toContain(dep);
    expect(names(engine.search('procdump').hits)).not.toContain(dep);
    expect(names(engine.search('procdump', { status: ['deprecated'] }).hits)).toEqual([dep]);
    expect(names(engine.search('procdump status:deprecated').hits)).toEqual([dep]);
    // The facet still offers them, with their count.
    expect(engine.search('').facets.status.get('deprecated')).toBe(2);
    expect(engine.live).toBe(engine.size - 2);
    expect(engine.total(['deprecated'])).toBe(2);
    expect(engine.search('').hits).toHaveLength(engine.live);
  });
});

describe('the search text (spl: and plain words at the lowest weight)', () => {
  let withText: SearchEngine;
  let usesFalco: string[];
  beforeAll(() => {
    const c = loadCatalog(join(process.cwd(), 'content'));
    const ix = buildIndexes(c);
    withText = new SearchEngine(JSON.parse(JSON.stringify(buildSearchData(c.detections, ix.refs, c.stories))));
    expect(withText.attachText(JSON.parse(JSON.stringify(buildSearchText(c.detections, ix.refs))))).toBe(true);
    usesFalco = c.detections
      .filter((d) => d.search.includes('`kube_container_falco`') && d.status !== 'deprecated')
      .map((d) => d.name)
      .sort();
  });
  const found = (e: SearchEngine, q: string) => e.search(q).hits.map((i) => e.data.docs.name[i]);

  it('spl: needs the chunk, and says so until it is attached', () => {
    const r = engine.search('spl:kube_container_falco');
    expect(r.needsText).toBe(true);
    expect(r.hits).toEqual([]);
    expect(withText.search('spl:kube_container_falco').needsText).toBe(false);
  });

  it('spl: finds the detections whose search calls a macro, and only those', () => {
    expect(usesFalco.length).toBeGreaterThan(0);
    expect(found(withText, 'spl:kube_container_falco').sort()).toEqual(usesFalco);
    expect(found(withText, 'spl:"kube_container_falc"')).toEqual([]);
    expect(found(withText, 'spl:kube_container_falc').sort()).toEqual(usesFalco);
  });

  it('a plain word found only in the SPL matches, below any name match', () => {
    expect(found(engine, 'grantedaccess')).toEqual([]);
    expect(found(withText, 'grantedaccess')).toEqual(['Windows LSASS Memory Access - Credential Dumping']);
    const lsass = found(withText, 'lsass');
    expect(lsass[0]).toMatch(/LSASS/);
  });

  it('refuses a chunk built for other documents', () => {
    const c = loadCatalog(join(process.cwd(), 'content'));
    const ix = buildIndexes(c);
    const other = buildSearchText(c.detections.slice(1), ix.refs);
    const e = new SearchEngine(JSON.parse(JSON.stringify(buildSearchData(c.detections, ix.refs, c.stories))));
    expect(e.attachText(other)).toBe(false);
    expect(e.hasText).toBe(false);
  });
});

describe('suggestions for a query with no hits', () => {
  it('corrects a word no term resembles closely enough for the fuzzy match, and names detections', () => {
    expect(engine.search('qzkubernetes').hits).toEqual([]);
    const s = engine.suggest('qzkubernetes');
    expect(s.corrected).toBe('kubernetes');
    expect(names(s.names)).toContain('Kubernetes Interactive Shell In Container');
  });

  it('corrects nothing when every word is a term', () => {
    expect(engine.suggest('kubernetes').corrected).toBeNull();
  });
});

describe('removed detections (kept from the git history)', () => {
  let withRemoved: SearchEngine;
  let gone: string;
  beforeAll(() => {
    const c = loadCatalog(join(process.cwd(), 'content'));
    const ix = buildIndexes(c);
    // One detection stands in for a removed one: the same record, indexed as removed.
    const [removed, ...live] = c.detections;
    gone = removed.name;
    withRemoved = new SearchEngine(JSON.parse(JSON.stringify(buildSearchData(live, ix.refs, c.stories, [removed]))));
  });
  const found = (e: SearchEngine, q: string, f = {}) => e.search(q, f).hits.map((i) => e.data.docs.name[i]);

  it('are left out by default, by name too, and counted apart', () => {
    expect(found(withRemoved, '')).not.toContain(gone);
    expect(found(withRemoved, gone)).not.toContain(gone);
    const deprecated = withRemoved.data.docs.status.filter(
      (c) => withRemoved.data.dict.statuses[c] === 'deprecated',
    ).length;
    expect(withRemoved.live).toBe(withRemoved.size - 1 - deprecated);
  });

  it('are offered by the status facet and found when it asks for them', () => {
    expect(withRemoved.search('').facets.status.get('removed')).toBe(1);
    expect(found(withRemoved, '', { status: ['removed'] })).toEqual([gone]);
    expect(found(withRemoved, gone, { status: ['removed'] })).toContain(gone);
    const hit = withRemoved.search('', { status: ['removed'] }).hits[0];
    expect(withRemoved.doc(hit).status).toBe('removed');
  });
});
