import { join } from 'node:path';
import { readRegular, realContentDir, type ReadResult } from './safe-fs.ts';
import { MAX_CSV_BYTES } from './csv-summary.ts';

/**
 * A lookup's data file, the only file of the content the site publishes as it is (the CSV
 * download on a lookup's page). Only `lookups/<filename>` as the lookup's YAML names it: a
 * name with a separator or a leading dot never reaches outside lookups/, and the file is read
 * as the loader reads it (a regular file, never through a link, at most the CSV cap).
 */

/** `lookups/<filename>` under the content folder, or null when the name could leave that folder. */
export function lookupFilePath(contentDir: string, filename: string): string | null {
  if (!filename || filename.includes('/') || filename.includes('\\') || filename.startsWith('.') || filename.includes('\0'))
    return null;
  return join(contentDir, 'lookups', filename);
}

/**
 * The download's file name inside the lookup's own page folder (`lookups/<slug>/<name>`). The
 * CSV's own name when it is a plain file name ending in `.csv`; otherwise one fixed name. The
 * folder holds nothing else but the page's `index.html`, which no such name can be, so two
 * lookups never share a download and a download never takes a page's place.
 */
export function lookupDownloadName(filename: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.csv$/i.test(filename) && !filename.includes('..') ? filename : 'lookup.csv';
}

export type LookupFileRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * The whole CSV for its download, or why not. A file over the cap is refused rather than cut:
 * a download must be the file, not its start (the loader names it `lookup-too-large`).
 */
export function readLookupFile(contentDir: string, filename: string, maxBytes = MAX_CSV_BYTES): LookupFileRead {
  let root: string;
  try {
    root = realContentDir(contentDir);
  } catch {
    return { ok: false, message: 'the content folder does not exist' };
  }
  const p = lookupFilePath(root, filename);
  if (!p) return { ok: false, message: `${filename} is not a file name in lookups/` };
  const read: ReadResult = readRegular(p, maxBytes);
  if (!read.ok) return { ok: false, message: `lookups/${filename} ${read.message}` };
  if (read.truncated) return { ok: false, message: `lookups/${filename} is ${read.size} bytes, over the ${maxBytes}-byte cap` };
  return { ok: true, bytes: read.bytes };
}
