import { stripControl } from '../../lib/text/clean.ts';

/**
 * CSV writing shared by /api/detections.csv and the explore page's download. Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe.
 */
export function csvCell(v: unknown): string {
  let s = stripControl(v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
