import { expect, test } from '@playwright/test';

/** Result rows, not the "best match" row above them. */
const results = (page: import('@playwright/test').Page) => page.locator('[data-results] > li:not(.best) > a');
/** The index is in and has rendered: until then the list shows the newest detections. */
const ready = (page: import('@playwright/test').Page) =>
  expect(page.locator('[data-count]')).toHaveAttribute('data-result-count', /\d+/);

test('T1204 finds every detection mapped to it or its sub-techniques, first', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const expected = new Set(
    api.detections
      .filter((d: { tags: { mitre_attack_id: string[] } }) =>
        d.tags.mitre_attack_id.some((t) => t === 'T1204' || t.startsWith('T1204.')),
      )
      .map((d: { id: string }) => d.id),
  );
  await page.goto('/explore/?q=t1204');
  await ready(page);
  const hrefs = await results(page).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const ids = hrefs.slice(0, expected.size).map((h) => h.split('/').filter(Boolean).pop());
  expect(new Set(ids)).toEqual(expected);
});

test('typing a name with a typo finds it in the top 3; state goes to the URL; back works', async ({
  page,
  request,
}) => {
  const api = await (await request.get('/api/detections.json')).json();
  const d = api.detections.find((x: { tags: { analytic_story: string[] } }) =>
    x.tags.analytic_story.includes('Kubernetes Security'),
  );
  const typo = d.name.slice(0, 6) + d.name.slice(7);
  await page.goto('/explore/');
  await ready(page);
  await page.locator('[data-q]').fill(typo);
  await expect(results(page).first()).toBeVisible();
  const top = await results(page).evaluateAll((as) => as.slice(0, 3).map((a) => a.getAttribute('href')));
  expect(top).toContain(`/${d.source}/${d.id}/`);
  await page.waitForTimeout(700);
  expect(new URL(page.url()).searchParams.get('q')).toBe(typo);
  // Facets only list values present in the results; the sample detection is an Anomaly.
  await page.getByRole('checkbox', { name: /^Anomaly/ }).check();
  await expect(page).toHaveURL(/type=Anomaly/);
  await page.goBack();
  await expect(page).not.toHaveURL(/type=Anomaly/);
  await expect(page.locator('[data-q]')).toHaveValue(typo);
});

test('an exact story name brings that story and its detections first', async ({ page, request }) => {
  const { stories } = await (await request.get('/api/stories.json')).json();
  const s = stories.find((x: { name: string }) => x.name === 'Kubernetes Security');
  await page.goto(`/explore/?q=${encodeURIComponent(s.name)}`);
  await expect(page.locator('[data-stories]')).toContainText('Kubernetes Security');
  const ids = await results(page).evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')!.split('/').filter(Boolean).pop()),
  );
  expect(new Set(ids.slice(0, s.catalog.detection_ids.length))).toEqual(new Set(s.catalog.detection_ids));
});

test('facets filter with live counts and the URL restores the view', async ({ page }) => {
  await page.goto('/explore/?type=Hunting');
  await ready(page);
  const n = await results(page).count();
  const label = page.locator('[data-facet="type"] label', { hasText: 'Hunting' });
  await expect(label).toContainText(String(n));
  await expect(page.getByRole('checkbox', { name: /^Hunting/ })).toBeChecked();
});

test('keyboard: arrow down moves into the results, Esc clears', async ({ page }) => {
  await page.goto('/explore/?q=kubernetes');
  await ready(page);
  await page.locator('[data-q]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(results(page).first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-q]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-q]')).toHaveValue('');
});

test('the index is not fetched on detection pages', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`/${api.detections[0].source}/${api.detections[0].id}/`);
  await page.waitForLoadState('networkidle');
  expect(fetched.some((u) => u.includes('search-index.json'))).toBe(false);
});

test("results download as the API's CSV rows and JSON objects, for the current selection in rank order", async ({
  page,
  request,
}) => {
  await page.goto('/explore/?type=TTP');
  await ready(page);
  const n = Number((await page.locator('[data-count]').textContent())!.split(' ')[0]);
  const firstId = (await results(page).first().getAttribute('href'))!.split('/').filter(Boolean).pop();
  const api = (await (await request.get('/api/detections.csv')).text()).split('\r\n');
  const read = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  };
  const lines = (await read('Download CSV')).trim().split('\r\n');
  expect(lines[0]).toBe(api[0]);
  expect(lines).toHaveLength(n + 1);
  expect(lines[1].split(',')[0]).toBe(firstId);
  for (const l of lines.slice(1)) expect(api).toContain(l);
  const json = JSON.parse(await read('Download JSON')) as { detections: { id: string; catalog: { type: string } }[] };
  expect(json.detections).toHaveLength(n);
  expect(json.detections[0].id).toBe(firstId);
  expect(json.detections.every((d) => d.catalog.type === 'TTP')).toBe(true);
});

test('a long facet has a filter box reaching every value, "Show all", and the selection first', async ({ page }) => {
  await page.goto('/explore/');
  const facet = page.locator('[data-facet="technique"]');
  await facet.locator('summary').click();
  const filter = facet.getByRole('searchbox', { name: /Filter Technique values/ });
  await expect(filter).toBeVisible();
  const shown = await facet.locator('label.v').count();
  const all = facet.getByRole('button', { name: /^Show all \d+/ });
  const total = Number((await all.textContent())!.match(/\d+/)![0]);
  expect(shown).toBeLessThan(total);
  await all.click();
  await expect(facet.locator('label.v')).toHaveCount(total);
  await facet.getByRole('button', { name: 'Show fewer' }).click();
  // The last value by count is not shown until filtered for.
  const last = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('[data-facet="technique"] label.v input')] as HTMLInputElement[];
    return labels.map((i) => i.value);
  });
  expect(last.length).toBe(shown);
  await filter.fill('T1003.001');
  await expect(facet.locator('label.v')).toHaveCount(1);
  await facet.getByRole('checkbox', { name: /^T1003\.001/ }).check();
  await expect(page).toHaveURL(/technique=T1003\.001/);
  await filter.fill('');
  await expect(facet.locator('label.v').first()).toContainText('T1003.001');
  const chip = page.getByRole('button', { name: /Remove filter Technique: T1003\.001/ });
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(page).not.toHaveURL(/technique=/);
  await expect(chip).toHaveCount(0);
});

test('a technique id that cannot exist matches nothing and says so; a typo offers a spelling', async ({ page }) => {
  await page.goto('/explore/?q=T1204x');
  await expect(page.locator('[data-nohit]')).toContainText('“T1204X” is not an ATT&CK technique id.');
  await expect(results(page)).toHaveCount(0);
  await page.goto('/explore/?q=qzkubernetes');
  const fix = page.locator('[data-nohit]').getByRole('button', { name: 'kubernetes' });
  await expect(fix).toBeVisible();
  await expect(page.locator('[data-nohit]').getByRole('link').first()).toBeVisible();
  await fix.click();
  await expect(results(page).first()).toBeVisible();
  await expect(page.locator('[data-q]')).toHaveValue('kubernetes');
});

test('a dead end from filters offers to clear them; deprecated ones come back on request', async ({ page }) => {
  await page.goto('/explore/?q=procdump');
  await expect(results(page)).toHaveCount(0);
  await page
    .locator('[data-nohit]')
    .getByRole('button', { name: /Show 1 deprecated or removed detection/ })
    .click();
  await expect(results(page)).toHaveCount(1);
  await page.goto('/explore/?q=kubernetes&type=Correlation');
  await expect(page.locator('[data-nohit]')).toContainText(/\d+ detections? match(es)? without the filters/);
  await page.locator('[data-nohit]').getByRole('button', { name: 'Clear filters' }).click();
  await expect(results(page).first()).toBeVisible();
  await expect(page).not.toHaveURL(/type=/);
});

test('the header box shows the query of the page', async ({ page }) => {
  await page.goto('/explore/?q=kubernetes');
  await expect(page.locator('[data-search-input]')).toHaveValue('kubernetes');
  await page.locator('[data-q]').fill('lsass');
  await expect(page.locator('[data-search-input]')).toHaveValue('lsass');
});

test('spl: searches the detection search text, loaded after the index', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const expected = api.detections
    .filter(
      (d: { search: string; catalog: { status: string } }) =>
        d.search.includes('`kube_container_falco`') && d.catalog.status !== 'deprecated',
    )
    .map((d: { id: string }) => d.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/explore/?q=spl:kube_container_falco');
  await expect(page.locator('[data-count]')).toHaveAttribute('data-result-count', String(expected.length));
  const ids = await results(page).evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')!.split('/').filter(Boolean).pop()),
  );
  expect(ids.sort()).toEqual(expected);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('explore is a browse page with the newest detections and no control that cannot work', async ({
    page,
    request,
  }) => {
    const api = await (await request.get('/api/detections.json')).json();
    const live = api.detections.filter((d: { catalog: { status: string } }) => d.catalog.status !== 'deprecated');
    await page.goto('/explore/?q=kubernetes');
    await expect(page.getByText('Search and filters need JavaScript')).toBeVisible();
    await expect(page.locator('[data-q]')).toBeHidden();
    await expect(page.locator('[data-facets]')).toBeHidden();
    expect(await page.locator('main button:visible, main select:visible').count()).toBe(0);
    await expect(page.locator('[data-count]')).toHaveText(
      `The ${Math.min(100, live.length)} most recently updated detections`,
    );
    await expect(results(page)).toHaveCount(Math.min(100, live.length));
    const browse = page.getByRole('complementary', { name: 'Browse' });
    await expect(browse.getByRole('link', { name: 'Execution' })).toHaveAttribute('href', '/tactics/TA0002/');
    await expect(browse.getByRole('link', { name: 'Kubernetes Security' })).toBeVisible();
  });
});

test('with JavaScript the newest list shows at once and the filters keep their place', async ({ page }) => {
  await page.goto('/explore/?q=T1003');
  // Where the filters stand, not how tall they are: the facet lists fill in for the query.
  const place = async () => {
    const b = (await page.locator('[data-facets]').boundingBox())!;
    return { x: b.x, y: b.y, width: b.width };
  };
  const before = await place();
  await expect(page.locator('[data-count]')).toHaveAttribute('data-result-count', /\d+/);
  expect(await place()).toEqual(before);
  await expect(page.getByRole('complementary', { name: 'Browse' })).toBeHidden();
});

test('a query that is a technique id, a data source or a story gets a "best match" row linking its page', async ({
  page,
}) => {
  const best = page.locator('[data-results] > li.best > a');
  await page.goto('/explore/?q=T1003');
  await expect(best).toHaveAttribute('href', '/techniques/T1003/');
  await expect(best).toContainText('Best match · Technique');
  await page.goto(`/explore/?q=${encodeURIComponent('ds:"Kubernetes Falco"')}`);
  await expect(best).toHaveAttribute('href', '/sources/c7e2c810-407c-4e3f-984c-57097e664fc7/');
  await page.goto('/explore/?q=kubernetes%20security');
  await expect(best).toHaveAttribute('href', '/stories/kubernetes_security/');
  await page.goto('/explore/?q=lsass');
  await ready(page);
  await page.waitForTimeout(500);
  await expect(best).toHaveCount(0);
});
