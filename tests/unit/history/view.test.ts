import { describe, expect, it } from 'vitest';
import {
  changedRest,
  detectionHistoryView,
  entryDiffs,
  markChanges,
  type DiffRow,
} from '../../../src/views/history.ts';
import { entityTimeline } from '../../../src/domain/history/index.ts';
import { highlightLines } from '../../../src/build/highlight/highlight.ts';
import type { EntityHistory, HistoryEntry } from '../../../src/content/git-history.ts';

const v1 = {
  name: 'X',
  id: 'x',
  version: 1,
  description: 'Finds things.',
  search: '| tstats count from datamodel=Endpoint.Processes by Processes.dest | `x_filter`',
  data_source: ['Sysmon EventID 1'],
  tags: { mitre_attack_id: ['T1059'] },
};
const v2 = {
  ...v1,
  version: 2,
  search:
    '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest | `x_filter`',
  tags: { mitre_attack_id: ['T1059.003'] },
};
const entry = (
  commit: string,
  date: string,
  kind: HistoryEntry['kind'],
  data: Record<string, unknown> | null,
  path = 'detections/endpoint/x.yml',
): HistoryEntry => ({
  commit: commit.repeat(40).slice(0, 40),
  date,
  subject: `commit ${commit}`,
  release: kind === 'added' ? 'v1.0.0' : null,
  kind,
  path,
  version: (data?.version as number) ?? null,
  blob: data ? commit : null,
  data,
});
const history: EntityHistory = {
  key: 'x',
  entries: [
    entry('a', '2024-01-02T10:00:00+00:00', 'added', v1),
    entry('b', '2024-02-03T10:00:00+00:00', 'changed', v2, 'detections/deprecated/x.yml'),
  ],
  removedRaw: null,
};

/** A history of two versions: added, then changed. */
const addedThenChanged = (
  key: string,
  first: Record<string, unknown>,
  second: Record<string, unknown>,
): EntityHistory => ({
  key,
  entries: [
    entry('a', '2024-01-02T10:00:00+00:00', 'added', first),
    entry('c', '2024-03-01T10:00:00+00:00', 'changed', second),
  ],
  removedRaw: null,
});

describe('history view of a detection', () => {
  const view = detectionHistoryView(entityTimeline(history), '2023-07-01');

  it('lists versions newest first with day, version, release and what changed', () => {
    expect(view.entries.map((e) => [e.day, e.version, e.kind])).toEqual([
      ['2024-02-03', 2, 'changed'],
      ['2024-01-02', 1, 'added'],
    ]);
    expect(view.entries[0].changes).toEqual(expect.arrayContaining(['search', 'attack', 'moved']));
    expect(view.entries[0].from).toBe('detections/endpoint/x.yml');
    expect(view.newIn).toBe('v1.0.0');
  });

  it('diffs the search one clause to a line, and the other fields as YAML', () => {
    const [search, other] = view.entries[0].diffs;
    expect(search.label).toBe('Search');
    // Both versions laid out clause by clause: a condition added is one added line, nothing removed.
    expect(search.rows.filter((r) => r.op === 'del')).toEqual([]);
    expect(search.rows.filter((r) => r.op === 'add').map((r) => r.text)).toEqual([
      '    where Processes.process_name=cmd.exe',
    ]);
    expect(search.rows.some((r) => r.op === 'same' && r.text.includes('x_filter'))).toBe(true);
    expect(search.rows.some((r) => r.op === 'same' && r.text === '    by Processes.dest')).toBe(true);
    expect(other.label).toBe('Other fields');
    expect(other.rows.filter((r) => r.op === 'add' || r.op === 'del').map((r) => `${r.op} ${r.text.trim()}`)).toEqual([
      'del - T1059',
      'add - T1059.003',
    ]);
    // The version is the entry's own, never a diff line.
    expect(other.rows.some((r) => r.text.includes('version'))).toBe(false);
  });

  it('shows in the other fields only the keys that changed, and within tags only the tags that changed', () => {
    const before = { ...v2, tags: { ...v2.tags, asset_type: 'Endpoint', product: ['Splunk Enterprise'] }, author: 'A' };
    const after = { ...before, version: 3, tags: { ...before.tags, asset_type: 'Windows' }, references: ['https://x'] };
    const [a, b] = changedRest(before, after);
    expect(a).toEqual({ tags: { asset_type: 'Endpoint' } });
    expect(b).toEqual({ tags: { asset_type: 'Windows' }, references: ['https://x'] });
    const h = addedThenChanged('x', before, after);
    const [other] = entryDiffs(entityTimeline(h).entries[0]);
    expect(other.label).toBe('Other fields');
    const text = other.rows.map((r) => `${r.op} ${r.text}`);
    expect(text).toContain('del   asset_type: Endpoint');
    expect(text).toContain('add   asset_type: Windows');
    expect(
      text.some((t) => t.includes('mitre_attack_id') || t.includes('author') || t.includes('Splunk Enterprise')),
    ).toBe(false);
  });

  it('diffs a macro definition as SPL and a story narrative as text, by the kind', () => {
    const m1 = { name: 'm', definition: 'index=*', description: 'd' };
    const m2 = { ...m1, definition: 'index=unix' };
    const mh = addedThenChanged('m', m1, m2);
    const [def] = entryDiffs(entityTimeline(mh).entries[0], 'macros');
    expect([def.label, def.lang, def.added, def.removed]).toEqual(['Definition', 'spl', 1, 1]);
    const s1 = { name: 'S', narrative: 'One.', tags: { analytic_story: 'S' } };
    const s2 = { ...s1, narrative: 'One.\nTwo.', tags: {} };
    const sh = addedThenChanged('s', s1, s2);
    const diffs = entryDiffs(entityTimeline(sh).entries[0], 'stories');
    expect(diffs.map((d) => d.label)).toEqual(['Narrative', 'Other fields']);
    // A map left with nothing that differs is not shown as `tags: {}`.
    expect(diffs[1].rows.map((r) => `${r.op} ${r.text}`)).toEqual(['del tags:', 'del   analytic_story: S']);
  });

  it('marks the changed part of a line edited in place', () => {
    const rows: DiffRow[] = [
      { op: 'same', text: '| tstats count' },
      { op: 'del', text: '    where Processes.process_name=cmd.exe' },
      { op: 'add', text: '    where Processes.process_name=powershell.exe' },
      { op: 'del', text: '| table a' },
      { op: 'add', text: '| stats count by host user' },
      { op: 'add', text: '| sort - count' },
    ];
    markChanges(rows);
    const marked = rows.map((r) => (r.op !== 'gap' && r.mark ? r.text.slice(...r.mark) : null));
    expect(marked).toEqual([null, 'cmd', 'powershell', null, null, null]);
  });

  it('has no diff for the first version', () => {
    expect(entryDiffs(entityTimeline(history).entries[1])).toEqual([]);
  });
});

describe('highlighted lines for a diff', () => {
  it('gives one HTML fragment per line, the text escaped', async () => {
    const lines = await highlightLines('| search a="<b>"\n| stats count\n\n| table x', 'spl');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('&#x3C;b>');
    expect(lines[0]).not.toContain('class="line"');
    expect(lines[1].replace(/<[^>]+>/g, '')).toBe('| stats count');
    expect(lines[2]).toBe('');
  });
});
