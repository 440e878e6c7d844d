/**
 * What "techniques" means wherever the catalog counts them (home, the matrices): current ATT&CK
 * techniques with at least one detection mapped to the technique or to one of its
 * sub-techniques (a sub-technique counts for its parent), sub-techniques counted apart.
 * Ids ATT&CK does not know, or has revoked or deprecated, are left out: the matrix has no cell
 * for them. No ATT&CK table here, so the browser can count the same way from the matrix's cells.
 */
export function coverageCounts(
  mapped: Iterable<string>,
  isCurrent: (id: string) => boolean,
): { techniques: number; subTechniques: number } {
  let techniques = 0;
  let subTechniques = 0;
  for (const id of mapped) {
    if (!isCurrent(id)) continue;
    if (id.includes('.')) subTechniques++;
    else techniques++;
  }
  return { techniques, subTechniques };
}

/** The matrix's one-line summary, e.g. "12 detections cover 9 techniques and 4 sub-techniques". */
export function coverageSummary(detections: number, c: { techniques: number; subTechniques: number }): string {
  const s = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return `${s(detections, 'detection')} cover${detections === 1 ? 's' : ''} ${s(c.techniques, 'technique')} and ${s(c.subTechniques, 'sub-technique')}`;
}
