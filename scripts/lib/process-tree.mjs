import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the test runners need to end a stuck process: its descendants, killed with it, and a
 * description of where its threads wait, for the log. Read from /proc, so this works without
 * procps (`ps`), which a bare machine may lack; elsewhere it degrades to the one process.
 */

/** The process and every descendant, parents first. */
export function processTree(pid) {
  /** @type {Map<number, number[]>} */
  const byParent = new Map();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        // The command name may hold spaces and parentheses: fields resume after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(d)]);
      } catch {
        // Gone since the listing.
      }
    }
  } catch {
    return [pid];
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]) ?? []));
  return tree;
}

/** SIGKILLs the process and its descendants (collected first, so none is re-parented away). */
export function killTree(pid) {
  for (const p of processTree(pid)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Each process of the tree with its threads' names, states and kernel wait channels. */
export function describeTree(pid) {
  return processTree(pid)
    .map((p) => {
      const read = (f) => {
        try {
          return readFileSync(f, 'utf8').trim();
        } catch {
          return '?';
        }
      };
      let threads = [];
      try {
        threads = readdirSync(`/proc/${p}/task`).map((tid) => {
          const dir = join(`/proc/${p}/task`, tid);
          const state = /State:\s*(.+)/.exec(read(join(dir, 'status')))?.[1] ?? '?';
          return `${read(join(dir, 'comm'))} (${state}, ${read(join(dir, 'wchan'))})`;
        });
      } catch {
        // Not Linux, or gone.
      }
      const cmd = read(`/proc/${p}/cmdline`).split('\0').join(' ').slice(0, 160);
      return `pid ${p} [${cmd}]: ${threads.join('; ') || 'no thread list'}`;
    })
    .join(' | ');
}
