import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('home page links every list with counts', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  await page.goto('/');
  const card = page.getByRole('link', { name: /Detections/ }).filter({ hasText: String(api.detections.length) });
  await expect(card.first()).toBeVisible();
  for (const path of ['detections/', 'stories/', 'attack/', 'sources/', 'macros/', 'lookups/', 'playbooks/']) {
    await expect(page.locator(`main a[href="/${path}"]`).first()).toBeVisible();
  }
  // The most recently updated detection heads the list, with its date.
  const newest = [...api.detections].sort((a: { date: string }, b: { date: string }) =>
    b.date.localeCompare(a.date),
  )[0];
  const row = page.locator('main table tbody tr').first();
  await expect(row.locator('time')).toHaveAttribute('datetime', newest.date);
});

test('the header search box goes to /explore/?q=', async ({ page }) => {
  await page.goto('/stories/');
  await page.getByRole('combobox', { name: 'Search the catalog' }).fill('T1204');
  await page.getByRole('combobox', { name: 'Search the catalog' }).press('Enter');
  await expect(page).toHaveURL(/\/explore\/\?q=T1204$/);
});

test('"/" focuses the search from any page', async ({ page }) => {
  await page.goto('/macros/');
  await page.locator('body').press('/');
  await expect(page.locator('#site-search')).toBeFocused();
});

test('"/" on the explore page focuses the explore box, not the header search', async ({ page }) => {
  await page.goto('/explore/');
  await page.locator('body').press('/');
  await expect(page.locator('#explore-q')).toBeFocused();
});

test('theme toggle cycles system → light → dark and persists', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /Theme/ });
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto('/stories/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('skip link and landmarks are present', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
  await expect(page.getByRole('contentinfo')).toHaveCount(1);
});

test('the old name alias of a detection lands on its canonical page', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const d = api.detections.find(
    (x: { tags: { analytic_story: string[]; mitre_attack_id: string[] } }) =>
      x.tags.analytic_story.includes('Kubernetes Security') && x.tags.mitre_attack_id.includes('T1204'),
  );
  const alias = `/${d.source}/${d.name.toLowerCase().replace(/ /g, '_')}/`;
  await page.goto(alias);
  await expect(page).toHaveURL(new RegExp(`/${d.source}/${d.id}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.name);
});

test('a detection moved between folders is still found under the other folder (the 404 page looks its id up)', async ({
  page,
  request,
}) => {
  const api = await (await request.get('/api/detections.json')).json();
  const d = api.detections.find((x: { source: string }) => x.source === 'cloud');
  expect((await request.get(`/endpoint/${d.id}/`)).status()).toBe(404);
  await page.goto(`/endpoint/${d.id}/`);
  await expect(page).toHaveURL(new RegExp(`/cloud/${d.id}/$`));
});

test('a deprecated detection is found under the category folder it came from', async ({ page }) => {
  await page.goto('/endpoint/862f8349-d534-445b-b757-ced3aa5e3b1f/');
  await expect(page).toHaveURL(/\/deprecated\/862f8349-d534-445b-b757-ced3aa5e3b1f\/$/);
  await expect(page.locator('h1')).toHaveText('Windows LSASS Dump Via Procdump');
});

test('the 404 page says when an id is unknown and offers a prefilled search; the path stays text', async ({ page }) => {
  await page.goto('/web/00000000-0000-4000-8000-000000000000/');
  await expect(page.locator('h1')).toHaveText('Page not found');
  await expect(page.getByRole('status')).toHaveText(
    'No detection in this catalog has the id 00000000-0000-4000-8000-000000000000.',
  );
  await page.goto('/endpoint/encoded_powershell%3Cimg%20src=x%20onerror=alert(1)%3E/');
  await expect(page.locator('[data-not-found-path]')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('main img')).toHaveCount(0);
  const box = page.getByRole('searchbox', { name: 'Search the catalog' });
  await expect(box).toHaveValue('encoded powershell<img src=x onerror=alert(1)>');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/explore\/\?q=encoded\+powershell/);
});

test('_headers gives every file the CSP with frame-ancestors and the other security headers', async ({ page }) => {
  // Read from the output: astro preview serves no file whose name starts with `_`; Netlify and Cloudflare read it.
  const text = readFileSync(join(process.cwd(), 'dist', '_headers'), 'utf8');
  await page.goto('/');
  const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(text).toMatch(/^\/\*$/m);
  expect(text).toContain(`  Content-Security-Policy: ${meta}; frame-ancestors 'none'\n`);
  for (const line of [
    '  X-Frame-Options: DENY',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Cross-Origin-Opener-Policy: same-origin',
  ]) {
    expect(text).toContain(`${line}\n`);
  }
  const permissions = text.match(/^ {2}Permissions-Policy: (.*)$/m)?.[1].split(', ') ?? [];
  for (const p of ['camera=()', 'microphone=()', 'geolocation=()', 'interest-cohort=()'])
    expect(permissions).toContain(p);
  expect(meta).not.toContain('unsafe-inline');
});

test('a baseline that writes a lookup says so beside its search', async ({ page }) => {
  await page.goto('/baselines/7b600ba8-574f-475d-8690-76dd898d5f8d/');
  const note = page.locator('[data-spl-note]');
  await expect(note).toBeVisible();
  await expect(note).toContainText('This search writes to a lookup (outputlookup).');
  // The note comes before the code it is about.
  expect(
    await note.evaluate(
      (n) => n.nextElementSibling?.matches('.code') && n.nextElementSibling.querySelector('pre.shiki') !== null,
    ),
  ).toBe(true);
});
