import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ranking, readContent, runnable } from '../helpers/my-data-oracle';

/** The sample content, read apart from the site's code: the expected values. */
const content = readContent(join(process.cwd(), 'content'));
const byName = (n: string) => content.sources.find((s) => s.name === n)!;
const S1 = byName('Sysmon EventID 1');
const S3 = byName('Sysmon EventID 3');
const have = new Set([S1.name, S3.name]);
const summary = (page: Page) => page.locator('[data-md-summary]');

async function setProfile(page: Page, ids: string[]) {
  await page.goto(`/my-data/?sources=${ids.join(',')}`);
  await expect(summary(page)).toContainText(`${ids.length} data source`);
}

test('a link sets the profile, which survives a reload; the onboarding list leads with the best source', async ({
  page,
}) => {
  await setProfile(page, [S1.id, S3.id]);
  // The link is applied once: the address no longer carries it.
  await expect(page).toHaveURL(/\/my-data\/$/);
  const expected = content.detections.filter((d) => runnable(d, have)).length;
  await expect(summary(page)).toContainText(`Runnable: ${expected} of ${content.detections.length} detections`);
  const top = ranking(
    content.detections,
    content.sources.map((s) => s.name),
    have,
  );
  const items = page.locator('[data-onboard]');
  await expect(items).toHaveCount(top.length);
  await expect(items.first()).toHaveText(new RegExp(`^${top[0].name} makes ${top[0].gain} more production detection`));
  await page.reload();
  await expect(summary(page)).toContainText('2 data sources');
  await expect(page.locator(`[data-md-groups] input[value="${S1.id}"]`)).toBeChecked();
  await expect(page.locator(`[data-md-groups] input[value="${byName('Okta').id}"]`)).not.toBeChecked();
});

test('detection pages say whether my data runs them; an AND entry needs both parts', async ({ page }) => {
  await setProfile(page, [S1.id, S3.id]);
  // Explore leaves deprecated detections out by default.
  const yes = content.detections.find(
    (d) => d.status !== 'deprecated' && d.entries.length === 1 && d.entries[0].join() === S1.name,
  )!;
  const and = content.detections.find(
    (d) => d.status !== 'deprecated' && d.entries.some((e) => e.length > 1 && e.includes(S3.name)),
  )!;
  expect(runnable(and, have)).toBe(false);
  // Until the index has rendered, the list shows the newest detections.
  const first = page.locator('[data-results] > li:not(.best) > a').first();
  const searched = page.locator('[data-count][data-result-count]');
  await page.goto(`/explore/?q=${encodeURIComponent(yes.name)}`);
  await searched.waitFor();
  await first.click();
  const note = page.locator('[data-mine="detection"]');
  await expect(note).toHaveText(/You have the data \(Sysmon EventID 1\)/);
  await page.goto(`/explore/?q=${encodeURIComponent(and.name)}`);
  await searched.waitFor();
  await first.click();
  await expect(note).toContainText(`Needs one of: ${and.entries.map((e) => e.join(' AND ')).join('; ')}`);
});

test('explore keeps "Runnable with my data" in the URL and counts exactly the runnable detections', async ({
  page,
}) => {
  await setProfile(page, [S1.id, S3.id]);
  const expected = content.detections.filter((d) => d.status === 'production' && runnable(d, have)).length;
  expect(expected).toBeGreaterThan(0);
  await page.goto('/explore/?mine=1&status=production');
  await expect(page.locator('[data-result-count]')).toHaveAttribute('data-result-count', String(expected));
  await expect(page.getByRole('checkbox', { name: /Runnable with my data/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /Runnable with my data/ }).uncheck();
  await expect(page).not.toHaveURL(/mine=1/);
  const all = content.detections.filter((d) => d.status === 'production').length;
  await expect(page.locator('[data-result-count]')).toHaveAttribute('data-result-count', String(all));
});

test('the matrix with mine=1 counts runnable beside catalog and marks catalog-only cells', async ({ page }) => {
  await setProfile(page, [S1.id]);
  await page.goto('/attack/?mine=1');
  const note = page.locator('[data-mine="matrix"]');
  await expect(note).toContainText('With my data');
  // Every cell prints runnable/in the catalog; some catalog cells have none runnable.
  await expect(page.locator('.matrix li[data-tid] [data-count]').first()).toHaveText(/^\d+\/\d+$/);
  expect(await page.locator('.matrix li.mine-co').count()).toBeGreaterThan(0);
  const covered = Number(await note.getAttribute('data-mine-techniques'));
  expect(covered).toBeGreaterThan(0);
});

test('a story page says how much of it runs, and what it needs', async ({ page }) => {
  await setProfile(page, [S1.id]);
  await page.goto('/stories/');
  await page.getByRole('link', { name: 'Windows Credential Access Activity' }).first().click();
  await expect(page.locator('[data-mine="story"]')).toContainText(/Runnable with my data: \d+ of \d+/);
  await expect(page.locator('[data-mine="story"]')).toContainText('you need one of');
});

test('the Navigator layer downloads, scored by runnable detections', async ({ page }) => {
  await setProfile(page, [S1.id]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Navigator layer' }).click(),
  ]);
  const layer = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(layer.versions.layer).toBe('4.5');
  const scored = layer.techniques.filter((t: { score: number }) => t.score > 0);
  const catalogOnly = layer.techniques.filter((t: { color?: string }) => t.color);
  expect(scored.length).toBeGreaterThan(0);
  expect(catalogOnly.length).toBeGreaterThan(0);
});

test('the CSV download holds the API columns and exactly the runnable detections', async ({ page, request }) => {
  await setProfile(page, [S1.id, S3.id]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download runnable detections (CSV)' }).click(),
  ]);
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n');
  const api = await (await request.get('/api/detections.csv')).text();
  expect(lines[0]).toBe(api.split('\r\n')[0]);
  const expected = content.detections.filter((d) => runnable(d, have)).map((d) => d.id);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(expected));
});

test('an imported profile keeps known data sources only; a file that is not a profile changes nothing', async ({
  page,
}) => {
  await page.goto('/my-data/');
  const file = (name: string, body: unknown) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(body)),
  });
  const input = page.locator('[data-md-import]');
  await input.setInputFiles(
    file('p.json', { kind: 'detection-catalog/my-data', v: 1, sources: [S1.id, 'not-a-known-id'], updated: '' }),
  );
  await expect(summary(page)).toContainText('1 data source.');
  await expect(page.locator('[data-md-message]')).toContainText('1 unknown id left out');
  page.once('dialog', (d) => void d.accept());
  await input.setInputFiles(file('q.json', { kind: 'something else', sources: [S3.id] }));
  await expect(page.locator('[data-md-message]')).toContainText('not a My data profile');
  await expect(summary(page)).toContainText('1 data source.');
});

test('opening a link over a profile asks first; Clear empties it everywhere', async ({ page }) => {
  await setProfile(page, [S1.id, S3.id]);
  page.once('dialog', (d) => void d.dismiss());
  await page.goto(`/my-data/?sources=${S1.id}`);
  await expect(summary(page)).toContainText('2 data sources');
  page.once('dialog', (d) => void d.accept());
  await page.goto(`/my-data/?sources=${S1.id}`);
  await expect(summary(page)).toContainText('1 data source.');
  await page.getByRole('button', { name: 'Clear profile' }).click();
  await expect(summary(page)).toContainText('No profile yet');
  expect(await page.evaluate(() => localStorage.getItem('catalog:my-data'))).toBeNull();
  await page.goto('/attack/?mine=1');
  await expect(page.locator('[data-mine="matrix"]')).toContainText('No data profile');
});

test('pasted sourcetypes show what matched and what did not', async ({ page }) => {
  await page.goto('/my-data/');
  await page
    .getByRole('textbox', { name: 'Sourcetypes' })
    .fill('sourcetype\tcount\r\nxmlwineventlog\t10\r\nno_such_sourcetype\t2\r\n');
  await page.getByRole('button', { name: 'Match', exact: true }).click();
  await expect(page.locator('[data-md-matched]')).toContainText('Sysmon EventID 1');
  await expect(page.locator('[data-md-unmatched]')).toHaveText('no_such_sourcetype');
  await page.getByRole('button', { name: /Add the \d+ matched data sources/ }).click();
  await expect(summary(page)).not.toContainText('No profile yet');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations with a profile (${scheme})`, async ({ browser }) => {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    await setProfile(page, [S1.id, S3.id]);
    const found: string[] = [];
    for (const [path, ready] of [
      ['/my-data/', '[data-onboard]'],
      ['/attack/?mine=1', '[data-mine="matrix"]:not([hidden])'],
      ['/stories/windows_credential_access_activity/', '[data-mine="story"]:not([hidden])'],
    ]) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        found.push(
          `${path} ${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
        );
    }
    await ctx.close();
    expect(found).toEqual([]);
  });
}
