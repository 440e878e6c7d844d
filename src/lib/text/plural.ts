/** The noun's form for `n` things: English has two, the plural defaulting to `one` plus "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `1 detection`, `3 detections`: a count with its noun. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}
