/** Strings numbered in order of first use: the compact columns of the JSON files pages fetch. */
export class Dict {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  id(v: string): number {
    let i = this.map.get(v);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.map.set(v, i);
    }
    return i;
  }
}
