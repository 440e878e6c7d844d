import type { RiskObject, Severity, ThreatObject } from './model.ts';

/**
 * Risk-based alerting rules shared by every generation (docs/content-format.md §3.3).
 */

/** The closed threat-object vocabulary of contentctl 5; anything else is shown as legacy. */
export const THREAT_OBJECT_TYPES = new Set([
  'certificate_common_name', 'certificate_organization', 'certificate_serial', 'certificate_unit',
  'command', 'domain', 'email_address', 'email_subject', 'file_hash', 'file_name', 'file_path',
  'http_user_agent', 'ip_address', 'process', 'process_name', 'parent_process', 'parent_process_name',
  'process_hash', 'registry_path', 'registry_value_name', 'registry_value_text', 'service', 'signature',
  'system', 'tls_hash', 'url',
]);

export const RISK_OBJECT_TYPES = new Set(['user', 'system', 'other']);

/** Python's round(): ties go to the even neighbour, as contentctl 4 computed the score. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (Math.abs(diff - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

export function severityFor(score: number | null): Severity | null {
  if (score === null) return null;
  if (score <= 20) return 'informational';
  if (score <= 40) return 'low';
  if (score <= 60) return 'medium';
  if (score <= 80) return 'high';
  return 'critical';
}

export interface Observable {
  name: string;
  type: string;
  role: string[];
}

/**
 * contentctl 4.4.1's observable → risk/threat mapping, so a 2024 detection shows what
 * Enterprise Security actually received. The original observable type is kept for display.
 */
export function mapObservables(observables: Observable[], score: number): { risk: RiskObject[]; threat: ThreatObject[] } {
  const risk: RiskObject[] = [];
  const threat: ThreatObject[] = [];
  for (const o of observables) {
    const t = o.type.trim().toLowerCase();
    const role = (o.role[0] ?? '').trim().toLowerCase();
    if (role === 'attacker') {
      let type: string;
      if (t === 'process name' || t === 'process') type = 'process';
      else if (t === 'file name' || t === 'file' || t === 'file hash') type = 'file_name';
      else if (t === 'ip address') type = 'ip_address';
      else if (t === 'url string' || t === 'url') type = 'url';
      else type = t;
      threat.push(threatObject(o.name, type, o.type));
    } else {
      let type = 'other';
      if (['user', 'username', 'email address'].includes(t)) type = 'user';
      else if (['device', 'endpoint', 'hostname', 'ip address'].includes(t)) type = 'system';
      risk.push({ field: o.name, type, score, observableType: o.type });
    }
  }
  return { risk, threat };
}

export function threatObject(field: string, type: string, observableType: string | null = null): ThreatObject {
  return { field, type, observableType, legacy: !THREAT_OBJECT_TYPES.has(type) };
}

/** Both lists behave as sets in contentctl 5: exact duplicates collapse. */
export function dedupeBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Detection score = the highest risk-object score. */
export function detectionScore(risk: RiskObject[]): number | null {
  return risk.length ? Math.max(...risk.map((r) => r.score)) : null;
}
