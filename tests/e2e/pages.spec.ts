import { expect, test } from '@playwright/test';

test('a story page lists exactly its detections and links its layer', async ({ page, request }) => {
  const { stories } = await (await request.get('/api/stories.json')).json();
  const s = stories.find((x: { name: string }) => x.name === 'Kubernetes Security');
  await page.goto(new URL(s.catalog.url).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kubernetes Security');
  const table = page.locator('table.detections').first();
  await expect(table.locator('tbody tr')).toHaveCount(s.detection_names.length);
  await expect(page.getByRole('link', { name: 'Navigator layer (JSON)' })).toHaveAttribute(
    'href',
    `/stories/${s.catalog.slug}/layer.json`,
  );
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveCount(2);
});

test('a macro page shows the definition and the detections using it', async ({ page, request }) => {
  const { macros } = await (await request.get('/api/macros.json')).json();
  const m = macros.find((x: { arguments?: string[] }) => x.arguments?.length);
  await page.goto(`/macros/${m.name}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.name);
  await expect(page.locator('pre.shiki').first()).toContainText(m.definition.split('\n')[0].trim());
});

test('a lookup page previews CSV rows as text', async ({ page, request }) => {
  const { lookups } = await (await request.get('/api/lookups.json')).json();
  const l = lookups.find((x: { catalog: { rows: number | null } }) => (x.catalog.rows ?? 0) > 0);
  await page.goto(`/lookups/${l.name}/`);
  await expect(page.locator('table.preview tbody tr').first()).toBeVisible();
});

test('every data source page shows sourcetype and example event', async ({ page, request }) => {
  const { data_sources } = await (await request.get('/api/data_sources.json')).json();
  const ds = data_sources.find((x: { sourcetype: string }) => x.sourcetype);
  await page.goto(new URL(ds.catalog.url).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ds.name);
  await expect(page.getByText(ds.sourcetype).first()).toBeVisible();
});

test('the health page and the JSON report agree', async ({ page, request }) => {
  const report = await (await request.get('/content-report.json')).json();
  await page.goto('/health/');
  await expect(page.getByRole('main')).toContainText(`${report.errors} error`);
  await expect(page.getByRole('main')).toContainText(`${report.warnings} warning`);
});
