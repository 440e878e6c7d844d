import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';

test('detections.json lists every detection with the documented field types', async ({ request }) => {
  const report = await (await request.get('/content-report.json')).json();
  const { detections } = await (await request.get('/api/detections.json')).json();
  expect(detections).toHaveLength(report.counts.detections);
  for (const d of detections) {
    expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof d.name).toBe('string');
    expect(typeof d.search).toBe('string');
    expect(Array.isArray(d.tags.analytic_story)).toBe(true);
    expect(Array.isArray(d.tags.mitre_attack_id)).toBe(true);
    expect(Array.isArray(d.datamodel)).toBe(true);
    expect(typeof d.source).toBe('string');
    expect(['TTP', 'Anomaly', 'Hunting', 'Correlation']).toContain(d.catalog.type);
    expect(d.catalog.risk_score === null || typeof d.catalog.risk_score === 'number').toBe(true);
    expect(new URL(d.catalog.url).pathname).toBe(`/${d.source}/${d.id}/`);
    const one = await (await request.get(`/api/detections/${d.id}.json`)).json();
    expect(one.id).toBe(d.id);
  }
});

test('stories, macros, lookups and data sources JSON keep contentctl wrappers', async ({ request }) => {
  const report = await (await request.get('/content-report.json')).json();
  expect((await (await request.get('/api/stories.json')).json()).stories).toHaveLength(report.counts.stories);
  expect((await (await request.get('/api/macros.json')).json()).macros).toHaveLength(report.counts.macros);
  expect((await (await request.get('/api/lookups.json')).json()).lookups).toHaveLength(report.counts.lookups);
  expect((await (await request.get('/api/data_sources.json')).json()).data_sources).toHaveLength(
    report.counts.dataSources,
  );
});

test('detections.csv has a row per detection and neutralizes formulas', async ({ request }) => {
  const { detections } = await (await request.get('/api/detections.json')).json();
  const rows = parse(await (await request.get('/api/detections.csv')).text(), { columns: true }) as Record<
    string,
    string
  >[];
  expect(rows).toHaveLength(detections.length);
  expect(Object.keys(rows[0])).toEqual([
    'id',
    'name',
    'folder',
    'type',
    'status',
    'created',
    'updated',
    'techniques',
    'tactics',
    'stories',
    'data_sources',
    'risk_score',
    'severity',
    'url',
  ]);
  const k8s = rows.find((r) => r.stories.includes('Kubernetes Security') && r.techniques === 'T1204')!;
  expect(k8s.risk_score).toBe('49');
  expect(rows.every((r) => !/^[=+\-@]/.test(r.name))).toBe(true);
});

test('feeds are valid RSS, newest first, linked from pages', async ({ page, request }) => {
  for (const url of ['/feed.xml', '/stories/kubernetes_security/feed.xml']) {
    const xml = await (await request.get(url)).text();
    await page.setContent('<p></p>');
    const r = await page.evaluate((x) => {
      const doc = new DOMParser().parseFromString(x, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        dates: [...doc.querySelectorAll('item > pubDate')].map((n) => Date.parse(n.textContent!)),
        links: [...doc.querySelectorAll('item > link')].map((n) => n.textContent!),
        // RSS 2.0's required channel elements, and every item's title, link, guid and date.
        channel: ['title', 'link', 'description'].every((t) => doc.querySelector(`channel > ${t}`)?.textContent),
        items: [...doc.querySelectorAll('item')].every((i) =>
          ['title', 'link', 'guid', 'pubDate'].every((t) => i.querySelector(t)?.textContent),
        ),
        self: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')[0]?.getAttribute('href') ?? null,
        built: doc.querySelector('channel > lastBuildDate')?.textContent ?? null,
      };
    }, xml);
    expect(r.channel).toBe(true);
    expect(r.items).toBe(true);
    expect(new URL(r.self!).pathname).toBe(url);
    expect(Date.parse(r.built!)).toBe(Math.max(...r.dates));
    expect(r.error).toBeNull();
    expect(r.root).toBe('rss');
    expect(r.dates.length).toBeGreaterThan(0);
    expect(r.dates).toEqual([...r.dates].sort((a, b) => b - a));
    expect(r.links.every((l) => /^https?:\/\/[^/]+\/[a-z]+\/[0-9a-f-]{36}\/$/.test(l))).toBe(true);
  }
  await page.goto('/');
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', '/feed.xml');
});

test('sitemap, robots.txt and page metadata', async ({ page, request }) => {
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: ');
  expect((await request.get('/sitemap-index.xml')).ok()).toBe(true);
  await page.goto('/techniques/T1204/');
  await expect(page).toHaveTitle(/^T1204 User Execution — ATT&CK technique · /);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/techniques\/T1204\/$/);
  await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
});

test("what's new groups by month and marks new versus updated", async ({ page }) => {
  await page.goto('/whats-new/');
  await expect(page.locator('main h2').first()).toContainText(/\d{4}/);
  await expect(page.getByText('new', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'cloud', exact: true }).click();
  await expect(page).toHaveURL(/\/whats-new\/cloud\/$/);
});
