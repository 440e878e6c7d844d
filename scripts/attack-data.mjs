#!/usr/bin/env node
/**
 * `npm run data:attack [dir] [--out file] [--version x.y]`: reads MITRE ATT&CK STIX objects
 * (default ../shared/attack/enterprise-attack, or ATTACK_DIR) and writes src/domain/attack/attack.json.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAttack, formatTable } from './lib/attack-extract.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const out = resolve(root, opt('--out') ?? 'src/domain/attack/attack.json');
// The STIX files carry no ATT&CK release number; the shared copy is v18.1.
const version = opt('--version') ?? process.env.ATTACK_VERSION ?? '18.1';
const dir = resolve(root, args[0] ?? process.env.ATTACK_DIR ?? '../shared/attack/enterprise-attack');

const objects = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.json')) {
      const j = JSON.parse(readFileSync(p, 'utf8'));
      objects.push(...(j.type === 'bundle' ? j.objects : [j]));
    }
  }
};
walk(dir);
const table = extractAttack(objects, { version });
writeFileSync(out, formatTable(table));
const ts = Object.values(table.techniques);
console.log(
  `ATT&CK ${version}: ${table.tactics.length} tactics, ${ts.filter((t) => !t.parent).length} techniques, ${ts.filter((t) => t.parent).length} sub-techniques, ` +
    `${ts.filter((t) => t.deprecated).length} deprecated, ${ts.filter((t) => t.revoked).length} revoked → ${out}`,
);
