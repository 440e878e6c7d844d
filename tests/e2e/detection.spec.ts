import { expect, test, type Page } from '@playwright/test';

/*
 * The detection page, on the sample site. Detections are found through the site's own JSON API
 * so the tests follow the sample content by feature, not by hard-coded ids.
 */
interface ApiDetection {
  id: string;
  name: string;
  search: string;
  source: string;
  references?: string[];
  tags: { mitre_attack_id: string[]; analytic_story: string[] };
  catalog: {
    url: string;
    status: string;
    type: string;
    format: string;
    drilldowns: { name: string; search: string }[];
    techniques: { id: string; name: string | null; known: boolean }[];
  };
}

let detections: ApiDetection[] = [];
test.beforeAll(async ({ request }) => {
  detections = (await (await request.get('/api/detections.json')).json()).detections;
});
const path = (d: ApiDetection) => `/${d.source}/${d.id}/`;
const k8s = () =>
  detections.find(
    (d) => d.tags.mitre_attack_id.includes('T1204') && d.tags.analytic_story.includes('Kubernetes Security'),
  )!;

async function tryHref(page: Page, name: RegExp | string) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  return new URL(href!);
}

test('the Kubernetes shell sample shows name, technique name and tactic', async ({ page }) => {
  const d = k8s();
  expect(d, 'sample content has a T1204 detection in the Kubernetes Security story').toBeTruthy();
  await page.goto(path(d));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.name);
  const attack = page.locator('section[aria-labelledby="attack"]');
  await expect(attack.getByRole('link', { name: 'T1204', exact: true })).toHaveAttribute('href', '/techniques/T1204/');
  await expect(attack).toContainText('User Execution');
  await expect(attack).toContainText('Execution');
  await expect(page.getByRole('link', { name: 'Kubernetes Security' }).first()).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — detection · `));
});

test('with no Splunk configured, Open in Splunk asks for the address inline and then names the host', async ({
  page,
  context,
}) => {
  const d = k8s();
  await context.route('https://splunk.corp.example:8000/**', (r) => r.fulfill({ body: 'splunk' }));
  await page.goto(path(d));
  const link = page.getByRole('link', { name: /^Open in Splunk/ }).first();
  // No localhost guess: without JavaScript the link leads to the settings page.
  await expect(link).toHaveAttribute('href', '/splunk-settings/');
  await expect(link).toHaveText(/Open in Splunk….*last 24 hours/);
  await link.click();
  const address = page.getByLabel('Your Splunk Web address');
  await expect(address).toBeFocused();
  await address.fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save and open' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Only http' })).toBeVisible();
  await expect(link).toHaveAttribute('href', '/splunk-settings/');

  // Pasted from the Splunk address bar: its page is dropped, its locale kept.
  await address.fill('https://splunk.corp.example:8000/en-GB/app/search/search?q=x');
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Save and open' }).click();
  const opened = new URL((await popup).url());
  await expect(link).toHaveAccessibleName(/^Open in Splunk at splunk\.corp\.example/);
  const u = await tryHref(page, /^Open in Splunk at/);
  expect(u.origin).toBe('https://splunk.corp.example:8000');
  expect(u.pathname).toBe('/en-GB/app/search/search');
  expect(u.searchParams.get('q')).toBe(d.search);
  expect(u.searchParams.get('earliest')).toBe('-24h');
  expect(u.searchParams.get('latest')).toBe('now');
  expect(opened.href).toBe(u.href);
  await expect(page.locator('form[data-splunk-ask]')).toHaveCount(0);
});

test('visitor settings rewrite Open in Splunk links, accept only http(s), and persist across pages', async ({
  page,
}) => {
  const d = k8s();
  await page.goto('/splunk-settings/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Splunk settings');
  const base = page.getByLabel('Splunk Web URL');
  await base.fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  // The filter choice does nothing unless macros are expanded.
  await expect(page.getByLabel('Drop filter macros')).toBeDisabled();
  await base.fill('splunk.example.com:8443/en-US/app/search/search');
  await page.getByLabel('App', { exact: true }).fill('SplunkEnterpriseSecuritySuite');
  await page.getByLabel(/Expand macros/).check();
  await expect(page.getByLabel('Drop filter macros')).toBeEnabled();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').or(page.locator('[data-status]'))).toContainText('splunk.example.com');

  await page.goto(path(d));
  const u = await tryHref(page, /^Open in Splunk at splunk\.example\.com/);
  expect(u.origin).toBe('https://splunk.example.com:8443');
  expect(u.pathname).toBe('/en-US/app/SplunkEnterpriseSecuritySuite/search');
  // Expanded: no macro call of ours remains, and the filter macro is gone.
  const q = u.searchParams.get('q')!;
  expect(q).not.toContain('_filter`');
  expect(q).not.toBe(d.search);

  const other = detections.find((x) => x.id !== d.id)!;
  await page.goto(path(other));
  expect((await tryHref(page, /^Open in Splunk at/)).origin).toBe('https://splunk.example.com:8443');
});

test('Splunk settings are linked from the header of every page', async ({ page }) => {
  for (const p of ['/', '/stories/', '/attack/']) {
    await page.goto(p);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Splunk settings' }).click();
    await expect(page).toHaveURL(/\/splunk-settings\/$/);
  }
});

test('a token typed once fills every drilldown: its link, the code shown and Copy', async ({ page }) => {
  const d = detections.find((x) => x.name === 'Windows LSASS Memory Access - Credential Dumping')!;
  await page.addInitScript(() =>
    localStorage.setItem('catalog-splunk', JSON.stringify({ base: 'https://splunk.example.com' })),
  );
  await page.goto(path(d));
  const section = page.locator('section[aria-labelledby="drilldowns"]');
  const items = section.locator('ol > li');
  await expect(items).toHaveCount(d.catalog.drilldowns.length);
  // Each token is asked for once, however many drilldowns use it.
  await expect(section.getByRole('textbox', { name: /\$dest\$/ })).toHaveCount(1);
  const first = d.catalog.drilldowns[0];
  let q = new URL(
    (await items
      .first()
      .getByRole('link', { name: /Open drilldown in Splunk/ })
      .getAttribute('href'))!,
  ).searchParams.get('q')!;
  expect(q).toBe(first.search.replace('%original_detection_search%', d.search));
  expect(q).toContain('$dest$');

  await section.getByRole('textbox', { name: /\$dest\$/ }).fill('ws-01');
  for (const li of await items.all()) {
    q = new URL(
      (await li.getByRole('link', { name: /Open drilldown in Splunk/ }).getAttribute('href'))!,
    ).searchParams.get('q')!;
    expect(q).not.toContain('$dest$');
    expect(q).toContain('ws-01');
    await expect(li.locator('pre').first()).toContainText('ws-01');
    await expect(li.locator('pre').first()).not.toContainText('$dest$');
    expect(await li.getByRole('button', { name: 'Copy' }).getAttribute('data-copy-text')).toContain('ws-01');
  }
  // Emptied, the token and its highlighting come back.
  await section.getByRole('textbox', { name: /\$dest\$/ }).fill('');
  await expect(items.first().locator('pre').first()).toContainText('$dest$');
  expect(await items.first().locator('pre span[class*="cl-"]').count()).toBeGreaterThan(0);
});

test('the search is highlighted with our SPL grammar, one pipe per line, with a copy button', async ({ page }) => {
  const d = k8s();
  await page.goto(path(d));
  const pre = page.locator('#search-code pre.shiki');
  await expect(pre).toBeVisible();
  const lines = await pre.locator('.line').allTextContents();
  // One line per pipe, long commands continued on indented lines (before from, where, by).
  const commands = lines.filter((l, i) => i === 0 || !l.startsWith('    '));
  expect(commands.length).toBe(d.search.split('|').length - (d.search.trimStart().startsWith('|') ? 1 : 0));
  expect(commands.slice(1).every((l) => l.startsWith('|'))).toBe(true);
  // Highlighted spans carry theme colours as classes (no style attribute: the CSP allows none).
  expect(await pre.locator('span[class*="cl-"]').count()).toBeGreaterThan(3);
  expect(await pre.locator('[style]').count()).toBe(0);
  await expect(pre.locator('span.cl-cf222e').first()).toHaveCSS('color', 'rgb(207, 34, 46)');
  await expect(page.locator('#search-code').getByRole('button', { name: 'Copy search' })).toBeVisible();
  // Copy gives the search as written, not as laid out.
  expect(
    await page.locator('#search-code').getByRole('button', { name: 'Copy search' }).getAttribute('data-copy-text'),
  ).toBe(d.search);
});

test('a deprecated detection says so prominently', async ({ page }) => {
  const d = detections.find((x) => x.catalog.status === 'deprecated')!;
  await page.goto(path(d));
  await expect(page.getByRole('note')).toContainText('Deprecated');
});

test('a deprecated detection leads to its replacement, which is the page’s main action', async ({ page }) => {
  const d = detections.find((x) => x.name === 'Windows LSASS Dump Via Procdump')!;
  const target = detections.find((x) => x.name === 'Windows LSASS Memory Access - Credential Dumping')!;
  await page.goto(path(d));
  const note = page.getByRole('note').filter({ hasText: 'Deprecated' });
  await expect(note).toContainText(`Replaced by ${target.name}`);
  await note.getByRole('link', { name: `Open ${target.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/${target.id}/$`));
  await expect(page.locator('h1')).toHaveText(target.name);
});

test('a section with nothing to show is left out, and so is its "On this page" link', async ({ page }) => {
  const d = detections.find((x) => (x.references ?? []).length === 0)!;
  expect(d).toBeDefined();
  await page.goto(path(d));
  await expect(page.locator('#references')).toHaveCount(0);
  const toc = page.getByRole('complementary').getByRole('navigation');
  await expect(toc.getByRole('link', { name: 'Description' })).toBeVisible();
  await expect(toc.getByRole('link', { name: 'References' })).toHaveCount(0);
  // ATT&CK comes right after the description.
  const ids = await page.locator('article h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
  expect(ids.slice(0, 3)).toEqual(['description', 'attack', 'search']);
});

test('an unknown ATT&CK id is shown and marked, never dropped', async ({ page }) => {
  const d = detections.find((x) => x.catalog.techniques.some((t) => !t.known))!;
  const t = d.catalog.techniques.find((x) => !x.known)!;
  await page.goto(path(d));
  const attack = page.locator('section[aria-labelledby="attack"]');
  await expect(attack).toContainText(t.id);
  await expect(attack).toContainText('unknown id');
});

test('the page has an "On this page" navigation and every section it names', async ({ page }) => {
  await page.goto(path(k8s()));
  const toc = page.getByRole('navigation', { name: 'On this page' });
  for (const id of ['description', 'search', 'attack', 'risk', 'drilldowns', 'references', 'tests', 'source']) {
    await expect(toc.locator(`a[href="#${id}"]`)).toHaveCount(1);
    await expect(page.locator(`#${id}`)).toHaveCount(1);
  }
});

test('the source section shows the YAML file as written, coloured', async ({ page }) => {
  const d = k8s();
  await page.goto(path(d));
  const yaml = page.locator('#source ~ * pre, section[aria-labelledby="source"] pre').last();
  await expect(yaml).toContainText(`id: ${d.id}`);
  await expect(yaml).toContainText(`name: ${d.name}`);
  await expect(yaml.locator('span.k').first()).toHaveText('name');
});

test('the page is served with a CSP that forbids inline scripts', async ({ page }) => {
  await page.goto(path(k8s()));
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp!.split(';').find((x) => x.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
});

test('the filter macro is explained and links to its macro page when one exists', async ({ page }) => {
  await page.goto(path(k8s()));
  const note = page.locator('.filter', { hasText: 'is this detection’s filter macro' });
  await expect(note).toBeVisible();
  const link = note.getByRole('link', { name: /_filter$/ });
  await expect(link).toHaveAttribute('href', /^\/macros\/[^/]+_filter\/$/);
});

test('on a phone, "On this page" is a collapsed menu under the header that jumps to a section', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(path(k8s()));
  const menu = page.locator('details.toc-mobile');
  await expect(menu).toBeVisible();
  await menu.locator('summary').click();
  await menu.getByRole('link', { name: /^Drilldowns/ }).click();
  await expect(page).toHaveURL(/#drilldowns$/);
  await expect(page.locator('#drilldowns')).toBeInViewport();
});

test('keyboard users reach "On this page" within the first stops of a detection page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(path(k8s()));
  let stops = 0;
  for (; stops < 30; stops++) {
    await page.keyboard.press('Tab');
    const inToc = await page.evaluate(() => !!document.activeElement?.closest('aside nav[aria-label="On this page"]'));
    if (inToc) break;
  }
  // The header (skip link, brand, search, theme, main navigation) comes first, then this.
  expect(stops).toBeLessThan(25);
});
