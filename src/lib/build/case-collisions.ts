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
  for (const f of files) {
    const parts = f.split('/').filter(Boolean);
    visit(parts.join('/'));
    for (let n = 1; n < parts.length; n++) folders.add(parts.slice(0, n).join('/'));
  }
  for (const d of folders) visit(`${d}/`);
  // A folder `a/B/` and a file `a/b` are one name as well.
  for (const d of folders) {
    const file = seen.get(d.toLowerCase());
    if (file !== undefined && !folders.has(file)) pairs.push([file, `${d}/`]);
  }
  return pairs;
}
