// Parses part of a cold load's YAML files in a worker thread (src/content/yaml-parallel.ts),
// on the second core, while the main thread parses the rest. Plain JavaScript because Node
// starts it directly, outside Vite; the module it imports has erasable types only.
import { workerData } from 'node:worker_threads';

const { items, port, flag } = workerData;
try {
  // Imported here, so a module that fails to load is reported like a failed parse.
  const { parseYamlFile } = await import('./yaml-file.ts');
  const parsed = items.map(({ file, bytes }) => {
    const p = parseYamlFile(bytes, file);
    return { data: p.data, problems: p.problems };
  });
  port.postMessage({ parsed });
  Atomics.store(flag, 0, 1);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  Atomics.store(flag, 0, 2);
}
// The message is in the port's queue before the flag says so: the waiting thread reads it at once.
Atomics.notify(flag, 0);
