/**
 * A small SPL scanner: walks a search once and reports, for every position, whether it is
 * inside a double-quoted string, a ``` comment ```, a backtick macro, or brackets. The
 * formatter and the analyzers share it so they agree on what "outside quotes" means.
 */
export interface Region {
  kind: 'text' | 'string' | 'comment' | 'macro';
  start: number;
  end: number;
  /** Bracket depth ([ ] and ( )) at the start of the region, for text regions. */
  depth: number;
}

export function scan(s: string): Region[] {
  const out: Region[] = [];
  let i = 0;
  let textStart = 0;
  let depth = 0;
  let textDepth = 0;
  const flushText = (end: number) => {
    if (end > textStart) out.push({ kind: 'text', start: textStart, end, depth: textDepth });
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '`' && s.startsWith('```', i)) {
      const close = s.indexOf('```', i + 3);
      const end = close < 0 ? s.length : close + 3;
      flushText(i);
      out.push({ kind: 'comment', start: i, end, depth });
      i = end;
      textStart = i;
      textDepth = depth;
      continue;
    }
    if (c === '`') {
      const close = s.indexOf('`', i + 1);
      // A lone backtick is text; a macro call never spans a line break.
      if (close > i && !s.slice(i + 1, close).includes('\n')) {
        flushText(i);
        out.push({ kind: 'macro', start: i, end: close + 1, depth });
        i = close + 1;
        textStart = i;
        textDepth = depth;
        continue;
      }
    }
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      const end = Math.min(s.length, j + 1);
      flushText(i);
      out.push({ kind: 'string', start: i, end, depth });
      i = end;
      textStart = i;
      textDepth = depth;
      continue;
    }
    if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    i++;
    if (c === '[' || c === '(' || c === ']' || c === ')') {
      // Bracket changes split text regions so each carries its own depth.
      flushText(i);
      textStart = i;
      textDepth = depth;
    }
  }
  flushText(s.length);
  return out;
}
