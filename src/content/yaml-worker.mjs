// Parses YAML files of a cold load in a worker thread (src/content/yaml-parallel.ts), on the
// second core, while the main thread parses the same list from the other end; each file is
// claimed first, so whichever thread is faster parses more. Plain JavaScript because Node
// starts it directly, outside Vite; the module it imports has erasable types only.
import { workerData } from 'node:worker_threads';

const { items, port, flag, claims } = workerData;
const parsed = {};
try {
  // Imported here, so a module that fails to load is reported like a failed parse.
  const { parseYamlFile } = await import('./yaml-file.ts');
  for (let i = items.length - 1; i >= 0; i--) {
    // The main thread has reached this file: the rest is its own.
    if (Atomics.compareExchange(claims, i, 0, 2) !== 0) break;
    const p = parseYamlFile(items[i].bytes, items[i].file);
    parsed[i] = { data: p.data, problems: p.problems };
  }
  port.postMessage({ parsed });
  Atomics.store(flag, 0, 1);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  Atomics.store(flag, 0, 2);
}
// The message is in the port's queue before the flag says so: the waiting thread reads it at once.
Atomics.notify(flag, 0);
