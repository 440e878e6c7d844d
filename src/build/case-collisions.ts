/**
 * Output paths that differ only in case. On a case-insensitive host (Windows/IIS, macOS, some
 * object-store front ends) such a pair is one file, and whichever is copied last wins; folders
 * count too (`playbooks/Foo/` beside `playbooks/foo/` merges two pages).
 */
export function caseCollisions(files: Iterable<string>): [string, string][] {
  const seen = new Map<string, string>();
  const pairs: [string, string][] = [];
  const visit = (p: string) => {
    const k = p.toLowerCase();
    const other = seen.get(k);
    if (other === undefined) seen.set(k, p);
    else if (other !== p) pairs.push([other, p]);
  };
  const folders = new Set<string>();
  for (const raw of files) {
    const f = raw.replace(/^\/+|\/+$/g, '');
    visit(f);
    // Every folder above the file, from the deepest up, stopping at one already seen.
    for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) {
      const d = f.slice(0, i);
      if (folders.has(d)) break;
      folders.add(d);
    }
  }
  for (const d of folders) visit(`${d}/`);
  // A folder `a/B/` and a file `a/b` are one name as well.
  for (const d of folders) {
    const file = seen.get(d.toLowerCase());
    if (file !== undefined && !folders.has(file)) pairs.push([file, `${d}/`]);
  }
  return pairs;
}
