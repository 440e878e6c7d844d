/**
 * The quiet build log (CATALOG_LOG=quiet, the default): Astro's info lines, its page list
 * (one line per page: 4,000 on the corpus) and Vite's chunk list are left out of standard
 * output, so our own lines and the content report are what a CI log shows. Pages are
 * counted instead: one line
 * redrawn in place on a terminal, a count every few seconds elsewhere. Warnings, errors,
 * Astro's closing lines and everything our own code prints pass through unchanged. Astro's
 * logger has levels but no filter (its `warn` level would also hide our summary and its
 * closing "Complete!", which tools wait for), hence a filter on the stream.
 */

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const TIMESTAMPED = /^\d\d:\d\d:\d\d\s/;
const PAGE = /[├└]─ \//g;
/** Info lines that stay: our integration's (what was loaded, kept, written) and how the build ended. */
const KEEP = /\[detection-catalog\]|\[build\] (Complete!|\d+ page\(s\) built in)|\[(WARN|ERROR)\]/;
/** Vite's and Astro's progress and chunk lines, which carry no timestamp. */
const NOISE =
  /^\s*$|^\s*(generating static routes|▶ |λ |✓ \d+ modules transformed|rendering chunks|computing gzip|transforming|building (client|server|for)|dist\/|\(\+\d+m?s\)\s*$)/;

export type LineKind = 'page' | 'keep' | 'drop';

/** What the quiet log does with one line of Astro's output, and how many pages it names. */
export function classify(line: string): { kind: LineKind; pages: number } {
  const plain = line.replace(ANSI, '');
  const pages = plain.match(PAGE)?.length ?? 0;
  if (pages) return { kind: 'page', pages };
  if (KEEP.test(plain)) return { kind: 'keep', pages: 0 };
  if (TIMESTAMPED.test(plain) || NOISE.test(plain)) return { kind: 'drop', pages: 0 };
  return { kind: 'keep', pages: 0 };
}

export interface QuietLog {
  /** Pages Astro has listed so far. */
  pages(): number;
  /** Puts standard output back as it was. */
  restore(): void;
}

/**
 * Filters `stream` (standard output) from now on. `tty`: redraw one progress line; otherwise
 * print the count every `everyMs`.
 */
export function quietLog(
  stream: NodeJS.WriteStream,
  opts: { tty: boolean; everyMs?: number; now?: () => number },
): QuietLog {
  const write = stream.write.bind(stream) as (chunk: string) => boolean;
  const writeThen = stream.write.bind(stream) as (chunk: string, done: () => void) => boolean;
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  let pending = '';
  let pages = 0;
  let shown = false;
  let lastDraw = 0;
  const seconds = () => ((now() - t0) / 1000).toFixed(0);
  const clear = () => {
    if (shown) write('\r\x1b[2K');
    shown = false;
  };
  const progress = () => {
    if (opts.tty) {
      if (now() - lastDraw < 100) return;
      lastDraw = now();
      write(`\r\x1b[2Krendering: ${pages} files written (${seconds()} s)`);
      shown = true;
    }
  };
  const timer = opts.tty
    ? null
    : setInterval(() => {
        if (pages) write(`rendering: ${pages} files written so far (${seconds()} s)\n`);
      }, opts.everyMs ?? 10_000);
  timer?.unref();
  const filtered = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const c = classify(line);
      if (c.kind === 'page') {
        pages += c.pages;
        progress();
      } else if (c.kind === 'keep') {
        clear();
        write(`${line}\n`);
      }
    }
    // A caller waiting for its write (a flush before exiting) is answered once the stream has
    // written everything before it.
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) writeThen('', done);
    return true;
  };
  stream.write = filtered as typeof stream.write;
  return {
    pages: () => pages,
    restore() {
      if (timer) clearInterval(timer);
      clear();
      if (pending) write(pending);
      pending = '';
      stream.write = write as typeof stream.write;
    },
  };
}
