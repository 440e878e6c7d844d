/**
 * Name → file-name and URL rules of security_content (docs/content-format.md §1.3, §15.1).
 */

/** contentctl's file-name rule: space, `-`, `.` and `/` become `_`, then lower case. */
export function fileStem(name: string): string {
  return name.replace(/[ \-./]/g, '_').toLowerCase();
}

/** The old research.splunk.com detection alias: lowercased, spaces → `_`. */
export { researchSlug } from './segment.ts';
