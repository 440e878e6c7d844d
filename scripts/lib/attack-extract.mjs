/**
 * Extracts the compact ATT&CK table the site needs from STIX 2.x objects: ids, names,
 * relations, platforms and flags. Description text is never copied.
 * @param {object[]} objects STIX objects (attack-pattern, x-mitre-tactic, x-mitre-matrix, relationship)
 * @param {{ version: string }} meta
 */
export function extractAttack(objects, meta) {
  const extId = (o) => o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id ?? null;
  const tacticsById = new Map();
  for (const o of objects) if (o.type === 'x-mitre-tactic') tacticsById.set(o.id, o);
  const matrix = objects.find((o) => o.type === 'x-mitre-matrix');
  const order = matrix?.tactic_refs ?? [...tacticsById.keys()];
  const tactics = order
    .map((ref) => tacticsById.get(ref))
    .filter(Boolean)
    .map((t) => ({
      id: extId(t),
      shortName: t.x_mitre_shortname,
      name: t.name,
      url: `https://attack.mitre.org/tactics/${extId(t)}/`,
    }));

  const stixToTech = new Map();
  const techniques = {};
  for (const o of objects) {
    if (o.type !== 'attack-pattern') continue;
    const id = extId(o);
    if (!id || !/^T\d{4}(\.\d{3})?$/.test(id)) continue;
    stixToTech.set(o.id, id);
    const parent = id.includes('.') ? id.split('.')[0] : null;
    const t = {
      name: o.name,
      tactics: [
        ...new Set(
          (o.kill_chain_phases ?? []).filter((k) => k.kill_chain_name === 'mitre-attack').map((k) => k.phase_name),
        ),
      ],
      parent,
      platforms: [...(o.x_mitre_platforms ?? [])].sort(),
      url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
    };
    if (o.x_mitre_deprecated) t.deprecated = true;
    if (o.revoked) t.revoked = true;
    techniques[id] = t;
  }
  for (const o of objects) {
    if (o.type === 'relationship' && o.relationship_type === 'revoked-by') {
      const from = stixToTech.get(o.source_ref);
      const to = stixToTech.get(o.target_ref);
      if (from && to && techniques[from]) techniques[from].replacedBy = to;
    }
  }
  for (const [id, t] of Object.entries(techniques)) {
    if (t.parent && techniques[t.parent]) (techniques[t.parent].subtechniques ??= []).push(id);
  }
  for (const t of Object.values(techniques)) t.subtechniques?.sort();
  const sorted = Object.fromEntries(Object.entries(techniques).sort(([a], [b]) => a.localeCompare(b)));
  return {
    version: meta.version,
    domain: 'enterprise-attack',
    attribution:
      'MITRE ATT&CK®, © The MITRE Corporation. Reproduced and distributed with the permission of The MITRE Corporation (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).',
    tactics,
    techniques: sorted,
  };
}

/** Deterministic JSON with one technique per line, so diffs of the committed table stay readable. */
export function formatTable(table) {
  const { techniques, ...head } = table;
  const lines = Object.entries(techniques).map(([id, t]) => `  ${JSON.stringify(id)}: ${JSON.stringify(t)}`);
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headJson},\n "techniques": {\n${lines.join(',\n')}\n }\n}\n`;
}
