/**
 * The explore page's "download these results": the rows of /api/detections.csv and the objects
 * of /api/detections.json for the current selection, in rank order, so a download has exactly
 * the columns and shape of the published API (fetched on click; the search index stays small).
 */

/** Splits CSV text into records (quoted fields may hold commas, quotes and line breaks). */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') {
      const end = i > 0 && text[i - 1] === '\r' ? i - 1 : i;
      if (end > start) out.push(text.slice(start, end));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start).replace(/\r$/, ''));
  return out;
}

/** The header and the records of `ids`, in that order; ids are the first column (never quoted). */
export function selectCsv(text: string, ids: string[]): string {
  const [header, ...rows] = csvRecords(text);
  const byId = new Map(rows.map((r) => [r.slice(0, r.indexOf(',')), r]));
  const picked = ids.map((id) => byId.get(id)).filter((r): r is string => r !== undefined);
  return `${[header, ...picked].join('\r\n')}\r\n`;
}

/** `{"detections": [...]}` holding the objects of `ids`, in that order. */
export function selectJson(data: { detections: { id: string }[] }, ids: string[]): string {
  const byId = new Map(data.detections.map((d) => [d.id, d]));
  return JSON.stringify({ detections: ids.map((id) => byId.get(id)).filter(Boolean) }, null, 1);
}
