import { expect, test } from '@playwright/test';

/* What a visitor finds from the pages: What's new, story feeds, the build facts; and tables on a phone. */

test('What’s new is linked from the home page and the header', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'What’s new' }).click();
  await expect(page).toHaveURL(/\/whats-new\/$/);
  await page.goto('/stories/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What’s new' }).click();
  await expect(page).toHaveURL(/\/whats-new\/$/);
});

test('a story page shows a link to its own feed, and the feed is RSS', async ({ page, request }) => {
  await page.goto('/stories/kubernetes_security/');
  const link = page.getByRole('link', { name: /RSS feed of this story/ });
  await expect(link).toHaveAttribute('href', '/stories/kubernetes_security/feed.xml');
  const res = await request.get('/stories/kubernetes_security/feed.xml');
  expect(res.ok()).toBe(true);
  expect(await res.text()).toContain('<rss');
});

test('/health/ says what it counted and the build facts', async ({ page }) => {
  await page.goto('/health/');
  const intro = page.locator('h1 + p');
  await expect(intro).toContainText(/in the whole content \(\d+ detections, \d+ stories, .*\d+ baselines?/);
  await expect(page.locator('dl.build')).toContainText('SITE_URL');
  await expect(page.locator('dl.build')).toContainText('not set');
  await expect(page.locator('dl.build dd').first()).toHaveText(/^[0-9a-f]{12}$|^unknown/);
});

test('on a phone, detection tables keep name, status and techniques on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/stories/kubernetes_security/', '/techniques/T1204/', '/detections/']) {
    await page.goto(path);
    for (const table of await page.locator('table.detections').all()) {
      const box = (await table.boundingBox())!;
      expect(box.x + box.width, path).toBeLessThanOrEqual(390);
      for (const badge of await table.locator('.badge').all()) {
        expect(await badge.evaluate((b) => b.scrollWidth <= b.clientWidth + 1), path).toBe(true);
      }
    }
  }
});

test('home stat cards sit two to a row on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const cards = page.locator('.cards > li');
  const [a, b] = [(await cards.nth(0).boundingBox())!, (await cards.nth(1).boundingBox())!];
  expect(Math.round(a.y)).toBe(Math.round(b.y));
  expect(b.x).toBeGreaterThan(a.x);
});
