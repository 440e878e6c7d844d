import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const paths = process.argv.slice(2);
for (const [w, h] of [[1366, 900], [390, 844]]) for (const scheme of ['light', 'dark']) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
  const page = await ctx.newPage();
  for (const p of paths) {
    await page.goto('http://127.0.0.1:4397' + p);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const r = await new AxeBuilder({ page }).withTags(['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']).analyze();
    for (const v of r.violations) console.log(w, scheme, p, v.id, v.impact, v.nodes.length, v.nodes.slice(0,2).map(n=>n.target.join(' ')+' '+(n.any[0]?.message??'')).join(' | '));
  }
  await ctx.close();
}
await browser.close();
