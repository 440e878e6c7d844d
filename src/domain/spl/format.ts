import { scan } from './scan.ts';

/**
 * One pipe per line, splitting only at pipes outside quotes, macros, comments and brackets
 * (so subsearches stay on their command's line). Text inside strings is never changed.
 */
export function splitPipes(search: string): string[] {
  const s = search.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const cuts: number[] = [];
  for (const r of scan(s)) {
    if (r.kind !== 'text' || r.depth > 0) continue;
    for (let i = r.start; i < r.end; i++) {
      // `||` is an operator in eval expressions, not a pipe.
      if (s[i] === '|' && s[i + 1] !== '|' && s[i - 1] !== '|') cuts.push(i);
    }
  }
  const parts: string[] = [];
  let last = 0;
  for (const c of cuts) {
    parts.push(s.slice(last, c));
    last = c;
  }
  parts.push(s.slice(last));
  return parts
    .map((p) => p.replace(/^\s+/, '').replace(/\s+$/, ''))
    .map((p) => (p.startsWith('|') ? `| ${p.slice(1).replace(/^[ \t]+/, '')}` : p))
    .filter((p, i) => p.length > 0 || i === 0);
}

export function formatSearch(search: string): string {
  const lines = splitPipes(search).filter((l) => l.length > 0);
  return lines.join('\n');
}
