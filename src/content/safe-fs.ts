import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Reading content without following links. Content arrives in pull requests, and git carries
 * symlinks: `lookups/x.csv -> /proc/self/environ` would publish the build machine's
 * environment. Below the content folder (itself resolved once, since the user chose it) every
 * file and folder must be what `lstat` calls a regular file or a directory; anything else is
 * refused and named, never followed.
 */

export type FsRefusal = { file: string; code: 'symlink' | 'special-file'; message: string };

/** The content folder's real path: a CONTENT_DIR that is itself a symlink is the user's choice. */
export function realContentDir(dir: string): string {
  return realpathSync(dir);
}

const posix = (p: string) => p.split(sep).join('/');

function kindOf(ent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): 'file' | 'dir' | 'symlink' | 'special' {
  if (ent.isSymbolicLink()) return 'symlink';
  if (ent.isFile()) return 'file';
  if (ent.isDirectory()) return 'dir';
  return 'special';
}

function refusal(root: string, abs: string, kind: 'symlink' | 'special'): FsRefusal {
  const file = posix(relative(root, abs));
  return kind === 'symlink'
    ? { file, code: 'symlink', message: 'is a symbolic link; content files and folders must be regular files and folders (links are never followed)' }
    : { file, code: 'special-file', message: 'is not a regular file or folder (device, socket or pipe); not read' };
}

/**
 * The `.yml` files under `root/sub`, sorted, with every symlink or special file met on the way
 * (the kind folder itself included) reported instead of followed. A missing folder is empty.
 */
export function walkContent(root: string, sub: string, recursive: boolean, ext = '.yml'): { files: string[]; refused: FsRefusal[] } {
  const files: string[] = [];
  const refused: FsRefusal[] = [];
  const top = join(root, sub);
  let st;
  try {
    st = lstatSync(top);
  } catch {
    return { files, refused };
  }
  const k = kindOf(st);
  if (k !== 'dir') {
    if (k !== 'file') refused.push(refusal(root, top, k));
    return { files, refused };
  }
  const visit = (d: string) => {
    let ents: Dirent[];
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const ent of ents.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, ent.name);
      // Dirent types come from readdir itself (no stat), so a link is seen as a link.
      const kind = kindOf(ent);
      if (kind === 'dir') {
        if (recursive) visit(p);
      } else if (kind === 'file') {
        if (ent.name.endsWith(ext)) files.push(p);
      } else {
        // Every link is named, whatever it is called: none is read, so none may pass unnoticed.
        refused.push(refusal(root, p, kind));
      }
    }
  };
  visit(top);
  return { files, refused };
}

export type ReadResult =
  | { ok: true; bytes: Buffer; size: number; truncated: boolean }
  | { ok: false; code: 'symlink' | 'special-file' | 'missing' | 'read-error'; message: string };

/**
 * A regular file's bytes, at most `maxBytes` of them (with its full size). Opened with
 * O_NOFOLLOW and checked on the descriptor, so a file swapped for a link between the walk and
 * the read is refused too.
 */
export function readRegular(abs: string, maxBytes = Number.POSITIVE_INFINITY): ReadResult {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ELOOP' || err.code === 'EMLINK') return { ok: false, code: 'symlink', message: 'is a symbolic link; links are never followed' };
    if (err.code === 'ENOENT') return { ok: false, code: 'missing', message: 'does not exist' };
    return { ok: false, code: 'read-error', message: err.message.split('\n')[0] };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: st.isDirectory() ? 'read-error' : 'special-file', message: st.isDirectory() ? 'is a folder' : 'is not a regular file; not read' };
    const want = Math.min(st.size, maxBytes);
    const bytes = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, bytes, got, want - got, null);
      if (n === 0) break;
      got += n;
    }
    return { ok: true, bytes: got === want ? bytes : bytes.subarray(0, got), size: st.size, truncated: st.size > got };
  } catch (e) {
    return { ok: false, code: 'read-error', message: (e as Error).message.split('\n')[0] };
  } finally {
    closeSync(fd);
  }
}
