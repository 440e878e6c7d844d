import { expect, test } from '@playwright/test';

test('the 404 page shows a crafted path without bidi or control characters, cut to 80 characters', async ({ page }) => {
  // U+202E (right-to-left override), U+200B, U+2066, ESC and a long tail.
  const junk = `%E2%80%AEexe.txt%E2%80%8B%E2%81%A6%1B[31m${'a'.repeat(300)}`;
  await page.goto(`/${junk}/`);
  await expect(page.locator('h1')).toHaveText('Page not found');
  const shown = (await page.locator('[data-not-found-path]').textContent()) ?? '';
  expect(shown.startsWith('/exe.txt[31maaa')).toBe(true);
  expect(shown).not.toMatch(/[\u0000-\u001f\u200b\u202e\u2066]/);
  expect([...shown].length).toBe(80);
  expect(shown.endsWith('…')).toBe(true);
  expect(await page.locator('[data-not-found-q]').inputValue()).not.toMatch(/[\u0000-\u001f\u200b\u202e\u2066]/);
});
