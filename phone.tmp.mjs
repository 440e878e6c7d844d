import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
for (const p of process.argv.slice(2)) {
  await page.goto('http://127.0.0.1:4396' + p);
  const r = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => {
    const b = t.getBoundingClientRect(); let el = t.parentElement; let clip = null;
    return `${Math.round(b.width)}px right=${Math.round(b.right)} scrollW=${t.scrollWidth} parentOverflow=${getComputedStyle(t.parentElement).overflowX} ${t.parentElement.className}`;
  }));
  console.log(p, r.slice(0, 4));
}
await browser.close();
