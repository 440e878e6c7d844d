/** Tokenizing, alone so browser code can use it without the index builder (and Fuse). */

/** Lower-cased word tokens: letters, digits and a few joiners kept (e.g. `cmd.exe`, `t1059.001`, `o365`). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu) ?? []).filter(
    (w) => w.length > 1 || /\d/.test(w),
  );
}

/** Word tokens plus the parts of joined words, so `cmd.exe` is found by `cmd` too. */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) {
    out.add(w);
    if (/[._-]/.test(w)) for (const p of w.split(/[._-]/)) if (p.length > 1) out.add(p);
  }
  return [...out];
}
