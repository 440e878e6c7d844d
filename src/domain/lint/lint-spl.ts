import { counted } from '../../lib/text/plural.ts';
import type { Problem } from '../../content/problems.ts';
import type { LoadedContent } from '../../content/load.ts';
import { describeCommands, describeInvisible, splRisks } from '../spl/risky.ts';

/**
 * Warnings for searches that write, delete, send or run (`risky-spl`) and for invisible or
 * bidi characters in them (`invisible-in-search`): detections' searches and drilldowns,
 * baselines, investigations and macro definitions (a macro is spliced into every search that
 * calls it). Warnings, not errors: real content writes lookups and maps searches on purpose;
 * the page says so next to its Try in Splunk link.
 */
type Loaded = Pick<LoadedContent, 'detections' | 'macros' | 'baselines' | 'investigations'>;

interface Owner {
  kind: string;
  filePath: string;
  name: string;
  key: string;
}

export function lintRiskySpl(cat: Loaded): Problem[] {
  const out: Problem[] = [];
  const check = (e: Owner, field: string, search: string, fragment = false) => {
    const r = splRisks(search, { fragment });
    const entry = { kind: e.kind, key: e.key, name: e.name };
    const base = { severity: 'warning' as const, file: e.filePath, line: null, column: null, field, entry };
    for (const c of r.commands) {
      out.push({
        ...base,
        code: 'risky-spl',
        message: `${describeCommands([c])}; the page warns about it next to the search`,
      });
    }
    if (r.invisibleCount > 0) {
      out.push({
        ...base,
        code: 'invisible-in-search',
        message: `contains ${counted(r.invisibleCount, 'invisible or bidi character')} at ${describeInvisible(r)}: the text shown is not what runs`,
      });
    }
  };
  for (const d of cat.detections) {
    const e = { kind: 'detection', filePath: d.filePath, name: d.name, key: d.id };
    check(e, 'search', d.search);
    d.drilldowns.forEach((x, i) => check(e, `drilldown_searches[${i}].search`, x.search));
  }
  for (const b of cat.baselines)
    check({ kind: 'baseline', filePath: b.filePath, name: b.name, key: b.id }, 'search', b.search);
  for (const i of cat.investigations)
    check({ kind: 'investigation', filePath: i.filePath, name: i.name, key: i.id }, 'search', i.search);
  for (const m of cat.macros)
    check({ kind: 'macro', filePath: m.filePath, name: m.name, key: m.name }, 'definition', m.definition, true);
  return out;
}
