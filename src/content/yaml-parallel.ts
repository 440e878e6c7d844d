import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ParsedFile } from './yaml-file.ts';

/**
 * Parsing YAML is most of a cold load, and the load runs while the second core is idle, or
 * shared with the git history's worker: a worker (src/content/yaml-worker.mjs) parses the
 * files the load reaches last, from the end of the list, while the loader parses from the
 * start. Each side claims a file before parsing it, so they meet wherever their speeds put
 * them. The load is synchronous: the first file the worker claimed waits for the worker's
 * answer (all it parsed), received without the event loop. When the worker fails or does not
 * answer in time, `take` returns undefined and the loader parses the file itself: a worker
 * problem costs time, never a file.
 */
export interface ParallelParse {
  /**
   * The worker's parse of `file` (data and problems; the text and positions are the caller's),
   * or undefined when this thread is to parse it.
   */
  take(file: string): Pick<ParsedFile, 'data' | 'problems'> | undefined;
}

/** Longer than any parse; past it the loader parses the rest itself. */
const WAIT_MS = 60_000;

export function parseInWorker(script: string, items: { file: string; bytes: Uint8Array }[]): ParallelParse {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  // Per file: 0 free, 1 this thread's, 2 the worker's.
  const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, items.length)));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | null = null;
  try {
    // A missing script would fail only on the event loop, which the wait below never reaches.
    if (existsSync(script)) worker = new Worker(script, { workerData: { items, port: port2, flag, claims }, transferList: [port2] });
    // Nothing waits on it through the event loop, and it must not keep the process alive.
    worker?.unref();
    // Its own failures it reports through the flag; one it cannot report (out of memory) makes
    // the wait time out.
    worker?.on('error', () => undefined);
  } catch {
    worker = null;
  }
  const index = new Map(items.map((it, i) => [it.file, i]));
  let answer: Record<number, Pick<ParsedFile, 'data' | 'problems'>> | null | undefined;
  const receive = () => {
    if (answer !== undefined) return answer;
    answer = null;
    if (!worker) return answer;
    const deadline = Date.now() + WAIT_MS;
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
    const m = receiveMessageOnPort(port1)?.message as
      | { parsed?: Record<number, Pick<ParsedFile, 'data' | 'problems'>> }
      | undefined;
    answer = m?.parsed ?? null;
    port1.close();
    void worker.terminate();
    return answer;
  };
  return {
    take(file) {
      const i = index.get(file);
      if (i === undefined || !worker) return undefined;
      // Claimed here first: this thread parses it.
      if (Atomics.compareExchange(claims, i, 0, 1) === 0) return undefined;
      return receive()?.[i];
    },
  };
}
