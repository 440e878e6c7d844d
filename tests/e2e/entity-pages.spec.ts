import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/* Source links, copy, the lookup CSV download, story and macro Try in Splunk, the grouped indexes. */

const REPO = 'https://github.com/splunk/security_content';

async function withSplunk(page: Page) {
  await page.addInitScript(() =>
    localStorage.setItem('catalog-splunk', JSON.stringify({ base: 'https://splunk.corp.example:8000' })),
  );
}

test('a macro page links its file on the repository, a new issue naming it, and previews it in Splunk', async ({
  page,
}) => {
  await withSplunk(page);
  await page.goto('/macros/sysmon/');
  await expect(page.getByRole('link', { name: /View macros\/sysmon\.yml in the content repository/ })).toHaveAttribute(
    'href',
    `${REPO}/blob/develop/macros/sysmon.yml`,
  );
  const issue = new URL(
    (await page.getByRole('link', { name: 'Report an issue with this macro' }).getAttribute('href'))!,
  );
  expect(issue.pathname).toBe('/splunk/security_content/issues/new');
  expect(issue.searchParams.get('title')).toBe('Macro: sysmon');
  expect(issue.searchParams.get('body')).toContain('File: macros/sysmon.yml');
  await expect(page.getByRole('button', { name: 'Copy definition' })).toBeVisible();

  const preview = page.getByRole('link', { name: /^Preview in Splunk at splunk\.corp\.example/ });
  const u = new URL((await preview.getAttribute('href'))!);
  expect(u.origin).toBe('https://splunk.corp.example:8000');
  expect(u.searchParams.get('q')).toBe('`sysmon` | head 100');
  expect(u.searchParams.get('earliest')).toBe('-15m');
});

test('a macro that only filters a search has no preview, and says why', async ({ page }) => {
  await page.goto('/macros/security_content_summariesonly/');
  await expect(page.getByRole('link', { name: /Preview in Splunk/ })).toHaveCount(0);
  await expect(page.getByText(/No preview in Splunk/)).toBeVisible();
});

test('a lookup page downloads its CSV with every row', async ({ page }) => {
  await page.goto('/lookups/remote_admin_tools/');
  const file = readFileSync('content/lookups/remote_admin_tools.csv', 'utf8');
  const rows = file.trim().split('\n').length - 1;
  const link = page.getByRole('link', { name: /Download the CSV/ });
  await expect(link).toHaveAttribute('href', '/lookups/remote_admin_tools/remote_admin_tools.csv');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('remote_admin_tools.csv');
  const got = readFileSync((await download.path())!, 'utf8');
  expect(got).toBe(file);
  expect(got.trim().split('\n')).toHaveLength(rows + 1);
  await expect(page.locator('main')).toContainText(new RegExp(`(All ${rows} rows|of ${rows} rows)`));
  await expect(
    page.getByRole('link', { name: /View lookups\/remote_admin_tools\.yml in the content repository/ }),
  ).toHaveAttribute('href', `${REPO}/blob/develop/lookups/remote_admin_tools.yml`);
});

test('a story page runs its searches in Splunk as one and copies them all, each under its name', async ({
  page,
  request,
}) => {
  const { detections } = await (await request.get('/api/detections.json')).json();
  const inStory = detections.filter(
    (d: { catalog: { status: string }; tags: { analytic_story: string[] } }) =>
      d.tags.analytic_story.includes('Windows Credential Access Activity') && d.catalog.status !== 'deprecated',
  );
  expect(inStory.length).toBeGreaterThan(1);
  await withSplunk(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/stories/windows_credential_access_activity/');

  await page.getByRole('button', { name: `Copy all ${inStory.length} searches` }).click();
  await expect(page.locator('[data-story-try] button[data-copy-text]')).toHaveText('Copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  for (const d of inStory) {
    expect(text).toContain(`\`\`\`${d.name}\`\`\`\n${d.search.trim()}`);
  }

  const run = page.getByRole('link', { name: /^Open its \d+ searches in Splunk at splunk\.corp\.example/ });
  const q = new URL((await run.getAttribute('href'))!).searchParams.get('q')!;
  expect(q.match(/\| append \[/g)?.length).toBeGreaterThan(0);
  for (const d of inStory.filter((x: { search: string }) => !/outputlookup|collect|sendemail/.test(x.search)))
    expect(q).toContain(`detection="${d.name}"`);
  await expect(page.getByRole('link', { name: 'Report an issue with this analytic story' })).toBeVisible();
});

test('the stories index groups by category or by data, and sorts by detection count', async ({ page }) => {
  await page.goto('/stories/');
  const byCategory = page.locator('#by-category');
  const byData = page.locator('#by-data');
  await expect(byCategory).toBeVisible();
  await expect(byData).toBeHidden();
  await expect(byCategory.getByText(/^Detect attempts to read credentials from memory/).first()).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Group the stories' })
    .getByRole('link', { name: 'the data they read' })
    .click();
  await expect(byData).toBeVisible();
  await expect(byCategory).toBeHidden();
  await expect(byData.getByRole('heading', { level: 2, name: 'Sysmon' })).toBeVisible();

  await page.goto('/stories/#by-category');
  const first = byCategory.locator('section').first().locator('li');
  const counts = async () => await first.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-count'))));
  await page.getByRole('button', { name: 'Most detections' }).first().click();
  await expect(page).toHaveURL(/\?sort=count/);
  const sorted = await counts();
  expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  expect(new Set(sorted).size).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Name' }).first().click();
  const names = await first.locator(':scope > a').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

test('the data sources index groups by vendor with descriptions and counts', async ({ page }) => {
  await page.goto('/sources/');
  const sysmon = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Sysmon' }) });
  await expect(sysmon.getByRole('link', { name: 'Sysmon EventID 1', exact: true })).toBeVisible();
  await expect(sysmon.locator('tbody tr').first()).toContainText(/Sysmon process creation events/);
});
