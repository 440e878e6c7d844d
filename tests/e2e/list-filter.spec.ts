import { expect, test } from '@playwright/test';

/** The filter box on long lists: hides rows as one types; the full list is in the HTML. */
test('the detections index filters by name words and hides emptied folders', async ({ page }) => {
  await page.goto('/detections/');
  const rows = page.locator('[data-filter-list] li');
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(10);
  const box = page.getByRole('searchbox', { name: 'Filter the detections' });
  await box.fill('kubernetes shell');
  await expect(page.locator('[data-filter-list] li:visible')).toHaveCount(1);
  await expect(page.locator('[data-filter-list] li:visible')).toContainText(
    'Kubernetes Interactive Shell In Container',
  );
  await expect(page.locator('.list-filter')).toContainText(`1 of ${total}`);
  await expect(page.locator('[data-filter-group]:visible')).toHaveCount(1);
  await box.fill('');
  await expect(page.locator('[data-filter-list] li:visible')).toHaveCount(total);
});

test('a table of macros filters its rows; a short list gets no box', async ({ page }) => {
  await page.goto('/macros/');
  const box = page.getByRole('searchbox', { name: 'Filter the macros' });
  await box.fill('falco');
  await expect(page.locator('[data-filter-list] tbody tr:visible')).toHaveCount(1);
  await page.goto('/playbooks/');
  await expect(page.locator('.list-filter')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every row is there and no filter box is shown', async ({ page }) => {
    await page.goto('/macros/');
    await expect(page.locator('.list-filter')).toHaveCount(0);
    expect(await page.locator('[data-filter-list] tbody tr').count()).toBeGreaterThanOrEqual(10);
  });
});
