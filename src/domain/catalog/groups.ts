import type { DataSource, Detection } from '../../content/model.ts';
import { sourceGroup } from '../coverage/data.ts';

/**
 * Groupings of the index pages (stories, data sources): named groups, the largest first, an
 * entry in every group it names (a story of two categories is listed under both).
 */
export interface Group<T> {
  name: string;
  items: T[];
}

/** Groups by the names `keys` gives each item (none: `other`); largest first, then by name, `other` last. */
export function groupBy<T>(items: readonly T[], keys: (t: T) => readonly string[], other = 'Other'): Group<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const names = [
      ...new Set(
        keys(item)
          .map((k) => k.trim())
          .filter(Boolean),
      ),
    ];
    for (const name of names.length ? names : [other]) groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups]
    .map(([name, list]) => ({ name, items: list }))
    .sort(
      (a, b) =>
        Number(a.name === other) - Number(b.name === other) ||
        b.items.length - a.items.length ||
        a.name.localeCompare(b.name),
    );
}

/**
 * The vendor or product whose data most of a story's detections read (`sourceGroup`: the
 * first supported add-on, "Splunk Add-on for" left out), ties by name; null when none of its
 * detections names a defined data source. Story tags name Splunk products, which are the same
 * for nearly every story, so the data is what tells stories apart.
 */
export function storyDataGroup(
  detections: readonly Pick<Detection, 'dataSources'>[],
  dataSourceByName: ReadonlyMap<string, Pick<DataSource, 'supportedTa'>>,
): string | null {
  const counts = new Map<string, number>();
  for (const d of detections) {
    const groups = new Set(
      d.dataSources.flatMap((n) => {
        const ds = dataSourceByName.get(n);
        return ds && ds.supportedTa.length ? [sourceGroup(ds)] : [];
      }),
    );
    for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [g, n] of counts) {
    const b = best === null ? 0 : counts.get(best)!;
    if (n > b || (n === b && best !== null && g.localeCompare(best) < 0)) best = g;
  }
  return best;
}
