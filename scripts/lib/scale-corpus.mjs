import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/**
 * A synthetic N× corpus for the scale benchmark: every detection copied N times with a fresh
 * id, a numbered name and a matching filter macro; the other folders copied once.
 */
export function scaleCorpus(src, dest, factor) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const e of readdirSync(src, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'detections' && !e.name.startsWith('.'))
      cpSync(join(src, e.name), join(dest, e.name), { recursive: true });
  }
  const uuid = (s) => {
    const h = createHash('sha1').update(s).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  for (const folder of readdirSync(join(src, 'detections'))) {
    mkdirSync(join(dest, 'detections', folder), { recursive: true });
    for (const f of readdirSync(join(src, 'detections', folder))) {
      if (!f.endsWith('.yml')) continue;
      const text = readFileSync(join(src, 'detections', folder, f), 'utf8');
      const stem = f.replace(/\.yml$/, '');
      for (let k = 0; k < factor; k++) {
        const id = /^id: *(\S+)/m.exec(text)?.[1] ?? stem;
        const out =
          k === 0
            ? text
            : text
                .replace(/^name: (.*)$/m, (_, n) => `name: ${n.replace(/^['"]|['"]$/g, '')} ${k}`)
                .replace(/^id: .*$/m, `id: ${uuid(`${id}-${k}`)}`)
                .replaceAll(`${stem}_filter`, `${stem}_${k}_filter`);
        writeFileSync(join(dest, 'detections', folder, k === 0 ? f : `${stem}_${k}.yml`), out);
      }
    }
  }
}
