import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The output folder is not emptied before a build (astro.config.mjs): on a rebuild, deleting
 * and rewriting thousands of unchanged files costs more than rendering them. So every file
 * this build produces either is written now (fresh mtime) or is left in place because it
 * already holds exactly the right bytes (recorded here), and `prune` removes everything else.
 */
export class OutputFiles {
  readonly kept = new Set<string>();
  constructor(readonly since: number) {}

  /** Writes `content` unless the file already holds it; returns true when it wrote. */
  write(file: string, content: string): boolean {
    const bytes = Buffer.from(content);
    try {
      if (statSync(file).size === bytes.length && readFileSync(file).equals(bytes)) {
        this.kept.add(file);
        return false;
      }
    } catch {
      // Not there yet.
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return true;
  }

  /**
   * `write` for many files, several at a time: creating thousands of small files is bound by
   * file-system latency, not by this thread, so overlapping them is several times faster here.
   * Resolves to the number written.
   */
  async writeAll(entries: Iterable<[file: string, content: string]>, concurrency = 8): Promise<number> {
    const queue = [...entries];
    let written = 0;
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const [file, content] = queue[next++];
        const bytes = Buffer.from(content);
        try {
          if ((await stat(file)).size === bytes.length && (await readFile(file)).equals(bytes)) {
            this.kept.add(file);
            continue;
          }
        } catch {
          // Not there yet.
        }
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, bytes);
        written++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return written;
  }

  /** True when this build produced the file (written now, or kept as it was). */
  fresh(file: string): boolean {
    if (this.kept.has(file)) return true;
    try {
      return statSync(file).mtimeMs >= this.since;
    } catch {
      return false;
    }
  }

  /** Deletes every file under `root` this build did not produce, then the folders left empty. */
  prune(root: string): number {
    let removed = 0;
    const walk = (dir: string): boolean => {
      let empty = true;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (walk(p)) rmdirSync(p);
          else empty = false;
        } else if (!this.fresh(p)) {
          unlinkSync(p);
          removed++;
        } else empty = false;
      }
      return empty;
    };
    if (existsSync(root)) walk(root);
    return removed;
  }
}
