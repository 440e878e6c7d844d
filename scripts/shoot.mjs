#!/usr/bin/env node
/**
 * Screenshots for looking at pages as a visitor would: `node scripts/shoot.mjs <dist> <outdir> <path>...`
 * Each path is shot at 1366 and 390 px wide, light and dark.
 */
import { chromium } from '@playwright/test';
import { serve } from './lib/serve.mjs';
import { findChromium } from './lib/chromium.mjs';

const [dist, out, ...pages] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
for (const p of pages) {
  for (const [w, h] of [
    [1366, 900],
    [390, 844],
  ]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
      await page.goto(`${server.url}${p.replace(/^\//, '')}`);
      await page.waitForTimeout(300);
      const name = `${p.replace(/[^\w]+/g, '_').replace(/^_|_$/g, '') || 'home'}-${w}-${scheme}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: process.env.FULL === '1' });
      await page.close();
    }
  }
}
await browser.close();
await server.close();
