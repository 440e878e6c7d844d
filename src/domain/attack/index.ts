import table from './attack.json' with { type: 'json' };

/**
 * ATT&CK look-ups over the generated table (npm run data:attack). Ids are matched
 * case-insensitively; unknown and malformed ids are returned flagged, never dropped.
 */

export interface Tactic {
  id: string;
  shortName: string;
  name: string;
  url: string;
}

export interface TechniqueRecord {
  name: string;
  /** Tactic short names, e.g. `execution`. */
  tactics: string[];
  parent: string | null;
  platforms: string[];
  url: string;
  subtechniques?: string[];
  deprecated?: boolean;
  revoked?: boolean;
  replacedBy?: string;
  /** The description's first paragraph as plain text (current techniques only). */
  summary?: string;
}

export interface Technique extends TechniqueRecord {
  id: string;
}

const techniques = table.techniques as Record<string, TechniqueRecord>;
export const ATTACK_VERSION: string = table.version;
export const tactics: Tactic[] = table.tactics;

const byId = new Map(tactics.map((t) => [t.id, t]));
const byShort = new Map(tactics.map((t) => [t.shortName, t]));
const byName = new Map(tactics.map((t) => [t.name.toLowerCase(), t]));

export const tacticById = (id: string) => byId.get(id.toUpperCase()) ?? null;
export const tacticByShortName = (s: string) => byShort.get(s) ?? null;
/** Accepts contentctl's title-cased names too ("Command And Control"). */
export const tacticByName = (name: string) => byName.get(name.trim().toLowerCase()) ?? null;

const ID_RE = /^T\d{4}(\.\d{3})?$/;

export function parseTechniqueId(input: string): { id: string; parent: string; sub: string | null } | null {
  const id = input.trim().toUpperCase();
  if (!ID_RE.test(id)) return null;
  const [parent, sub = null] = id.split('.');
  return { id, parent, sub };
}

export function getTechnique(input: string): Technique | null {
  const p = parseTechniqueId(input);
  const t = p ? techniques[p.id] : undefined;
  return t ? { id: p!.id, ...t } : null;
}

/** In ATT&CK, neither revoked nor deprecated: what the matrix has a cell for. */
export function isCurrentTechnique(input: string): boolean {
  const t = getTechnique(input);
  return !!t && !t.revoked && !t.deprecated;
}

export function techniqueUrl(input: string): string {
  const id = input.trim().toUpperCase();
  return `https://attack.mitre.org/techniques/${encodeURIComponent(id).replace('.', '/')}/`;
}

export const tacticUrl = (id: string) => `https://attack.mitre.org/tactics/${encodeURIComponent(id.toUpperCase())}/`;

type TacticColumn = readonly { id: string; name: string; subtechniques: { id: string; name: string }[] }[];
const columns = new Map<string, TacticColumn>();

/**
 * Top-level techniques of a tactic (current ones only), each with its current sub-techniques.
 * Every matrix page draws all 14 columns, so each is computed once (callers only read it).
 */
export function techniquesForTactic(tacticId: string): TacticColumn {
  let col = columns.get(tacticId);
  if (!col) columns.set(tacticId, (col = computeColumn(tacticId)));
  return col;
}

function computeColumn(tacticId: string): TacticColumn {
  const t = tacticById(tacticId);
  if (!t) return [];
  const live = (r: TechniqueRecord) => !r.deprecated && !r.revoked;
  return Object.entries(techniques)
    .filter(([, r]) => !r.parent && live(r) && r.tactics.includes(t.shortName))
    .map(([id, r]) => ({
      id,
      name: r.name,
      subtechniques: (r.subtechniques ?? [])
        .filter((s) => live(techniques[s]))
        .map((s) => ({ id: s, name: techniques[s].name })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface ResolvedTechnique {
  id: string;
  name: string | null;
  tactics: Tactic[];
  /** In the bundled ATT&CK data. */
  known: boolean;
  /** Well-formed T#### or T####.### id. */
  valid: boolean;
  deprecated: boolean;
  revoked: boolean;
  replacedBy: string | null;
  parent: string | null;
  /** attack.mitre.org page, null for malformed ids. */
  url: string | null;
}

export function resolveTechniques(ids: readonly string[]): ResolvedTechnique[] {
  return ids.map((raw) => {
    const p = parseTechniqueId(raw);
    if (!p) {
      return {
        id: raw,
        name: null,
        tactics: [],
        known: false,
        valid: false,
        deprecated: false,
        revoked: false,
        replacedBy: null,
        parent: null,
        url: null,
      };
    }
    const t = techniques[p.id];
    return {
      id: p.id,
      name: t?.name ?? null,
      tactics: (t?.tactics ?? []).map((s) => byShort.get(s)).filter((x): x is Tactic => !!x),
      known: !!t,
      valid: true,
      deprecated: !!t?.deprecated,
      revoked: !!t?.revoked,
      replacedBy: t?.replacedBy ?? null,
      parent: p.sub ? p.parent : null,
      url: techniqueUrl(p.id),
    };
  });
}

/** contentctl's tactic → Lockheed Martin kill-chain mapping (docs/content-format.md §15.3). */
const KILL_CHAIN: Record<string, string> = {
  reconnaissance: 'Reconnaissance',
  'resource development': 'Weaponization',
  'initial access': 'Delivery',
  execution: 'Installation',
  persistence: 'Installation',
  'privilege escalation': 'Exploitation',
  'defense evasion': 'Exploitation',
  'credential access': 'Exploitation',
  discovery: 'Exploitation',
  'lateral movement': 'Exploitation',
  collection: 'Exploitation',
  'command and control': 'Command and Control',
  exfiltration: 'Actions on Objectives',
  impact: 'Actions on Objectives',
  stealth: 'Exploitation',
  'defense impairment': 'Exploitation',
};

export const KILL_CHAIN_ORDER = [
  'Reconnaissance',
  'Weaponization',
  'Delivery',
  'Exploitation',
  'Installation',
  'Command and Control',
  'Actions on Objectives',
];

export function killChainPhase(tacticName: string): string | null {
  return KILL_CHAIN[tacticName.trim().toLowerCase().replace(/-/g, ' ')] ?? null;
}

export function killChainPhasesFor(ids: readonly string[]): string[] {
  const phases = new Set<string>();
  for (const t of resolveTechniques(ids))
    for (const ta of t.tactics) {
      const p = killChainPhase(ta.name);
      if (p) phases.add(p);
    }
  return KILL_CHAIN_ORDER.filter((p) => phases.has(p));
}
