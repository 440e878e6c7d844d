/** Longest first paragraph kept; past it the text is cut at a sentence end (or a word). */
export const SUMMARY_MAX = 600;

/**
 * A technique description's first paragraph as plain text: citations ("(Citation: X)") removed,
 * markdown links, code spans and bold turned into their text, ATT&CK's formatting tags (`<code>`, `<b>`…) dropped
 * while other angle-bracket text (`<username>` placeholders) stays, whitespace collapsed. Kept to
 * the first paragraph so the committed table stays small; the page links the full text.
 * @param {unknown} description STIX `description` (markdown)
 * @returns {string}
 */
export function firstParagraph(description) {
  if (typeof description !== 'string') return '';
  const para = description.split(/\n\s*\n/).find((p) => p.trim()) ?? '';
  let text = para
    .replace(/\s*\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1')
    .replace(/<\/?(?:code|b|i|em|strong|br|p)\s*\/?>/gi, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > SUMMARY_MAX) {
    const cut = text.slice(0, SUMMARY_MAX);
    const end = cut.search(/[.!?](?=\s[^.!?]*$)/);
    text = end > SUMMARY_MAX / 2 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
  }
  return text;
}

/**
 * Extracts the compact ATT&CK table the site needs from STIX 2.x objects: ids, names,
 * relations, platforms and flags, and for current techniques the first paragraph of the
 * description (`summary`); nothing else of the descriptions is copied.
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
    // Deprecated and revoked techniques have no page worth a summary (theirs says "deprecated").
    const summary = t.deprecated || t.revoked ? '' : firstParagraph(o.description);
    if (summary) t.summary = summary;
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
