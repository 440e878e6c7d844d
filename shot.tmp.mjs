import { chromium } from '@playwright/test';
const [,, url, name, actions = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w, h] of [[1366, 900], [390, 844]]) for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  await page.goto(url);
  if (actions) await eval(actions);
  await page.screenshot({ path: `/tmp/wt20-shots/${name}-${w}-${scheme}.png`, fullPage: false });
  await page.close();
}
await browser.close();
