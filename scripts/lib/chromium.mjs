import { existsSync } from 'node:fs';

/**
 * A Chromium for Playwright: CHROMIUM_PATH, then the distribution's packages. Returns null when
 * none is found, so Playwright falls back to its own downloaded browser.
 */
export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
  for (const p of candidates) if (p && existsSync(p)) return p;
  return null;
}
