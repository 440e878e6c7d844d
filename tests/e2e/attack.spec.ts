import { expect, test } from '@playwright/test';

test('technique page lists the detections mapped to T1204 and names the technique', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const expected = api.detections.filter((d: { tags: { mitre_attack_id: string[] } }) =>
    d.tags.mitre_attack_id.some((t) => t === 'T1204' || t.startsWith('T1204.')),
  );
  await page.goto('/techniques/T1204/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('T1204: User Execution');
  await expect(page.getByRole('link', { name: 'Execution' }).first()).toHaveAttribute('href', '/tactics/TA0002/');
  const rows = page.locator('main table tbody tr');
  await expect(rows).toHaveCount(expected.length);
});

test("a technique page opens with ATT&CK's first paragraph, and links Explore and its own layer", async ({
  page,
  request,
}) => {
  await page.goto('/techniques/T1204/');
  const summary = page.locator('main p.summary');
  await expect(summary).toContainText(
    /^An adversary may rely upon specific actions by a user in order to gain execution\./,
  );
  // Plain text: the markdown link to Phishing is its text, citations are gone.
  await expect(summary).toContainText('follow-on behavior from forms of Phishing.');
  await expect(summary).not.toContainText('Citation');
  await expect(summary.locator('a')).toHaveAttribute('href', 'https://attack.mitre.org/techniques/T1204/');
  await expect(page.getByRole('contentinfo')).toContainText('MITRE ATT&CK');

  await page.getByRole('link', { name: 'Open in Explore' }).click();
  await expect(page).toHaveURL(/\/explore\/\?q=T1204$/);

  await page.goto('/techniques/T1204/');
  const layerHref = (await page.getByRole('link', { name: 'Navigator layer (JSON)' }).getAttribute('href'))!;
  expect(layerHref).toBe('/techniques/T1204/layer.json');
  const layer = await (await request.get(layerHref)).json();
  expect(layer.versions.layer).toBe('4.5');
  const ids = layer.techniques.map((t: { techniqueID: string }) => t.techniqueID);
  expect(ids).toContain('T1204');
  const t = layer.techniques.find((x: { techniqueID: string }) => x.techniqueID === 'T1204');
  await expect(page.locator('main table tbody tr')).toHaveCount(t.score);
  const nav = new URL((await page.getByRole('link', { name: 'Open in ATT&CK Navigator' }).getAttribute('href'))!);
  expect(decodeURIComponent(nav.hash)).toMatch(/^#layerURL=https?:\/\/[^/]+\/techniques\/T1204\/layer\.json$/);
});

test('the sub-technique alias forwards to the canonical page', async ({ page, request }) => {
  const api = await (await request.get('/api/detections.json')).json();
  const sub = api.detections
    .flatMap((d: { tags: { mitre_attack_id: string[] } }) => d.tags.mitre_attack_id)
    .find((t: string) => t.includes('.'));
  await page.goto(`/techniques/${sub}/`);
  await expect(page).toHaveURL(new RegExp(`/techniques/${sub.replace('.', '/')}/$`));
});

test('the matrix has a column per tactic, counts in cells, and cells link to technique pages', async ({ page }) => {
  await page.goto('/attack/');
  const cols = page.locator('.matrix > section');
  await expect(cols).toHaveCount(14);
  await expect(cols.first().getByRole('heading')).toContainText('Reconnaissance');
  const cell = page.locator('.matrix a[href="/techniques/T1204/"]');
  await expect(cell).toHaveCount(1);
  await cell.focus();
  await expect(cell).toBeFocused();
});

test('matrix filters work as plain links', async ({ page }) => {
  await page.goto('/attack/');
  await page.getByRole('link', { name: 'Type: Hunting' }).click();
  await expect(page).toHaveURL(/\/attack\/type\/Hunting\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hunting');
});

test('the Navigator layer is valid and its scores match technique pages', async ({ request, page }) => {
  const layer = await (await request.get('/attack/layer.json')).json();
  expect(layer.versions.layer).toBe('4.5');
  expect(layer.domain).toBe('enterprise-attack');
  const t = layer.techniques.find((x: { techniqueID: string }) => x.techniqueID === 'T1204');
  await page.goto('/techniques/T1204/');
  await expect(page.locator('main table tbody tr')).toHaveCount(t.score);
  // The matrix opens the whole catalog's layer in the public Navigator by its absolute URL.
  await page.goto('/attack/');
  const nav = new URL((await page.getByRole('link', { name: 'Open in ATT&CK Navigator' }).getAttribute('href'))!);
  expect(nav.origin).toBe('https://mitre-attack.github.io');
  expect(decodeURIComponent(nav.hash.replace(/^#layerURL=/, ''))).toMatch(/^https?:\/\/[^/]+\/attack\/layer\.json$/);
});

test('the story filter repaints the matrix from the story layer and keeps ?story= in the URL', async ({ page }) => {
  await page.goto('/attack/?story=kubernetes_security');
  await expect(page.locator('[data-story-status]')).toContainText('Kubernetes Security');
  const cell = (id: string) => page.locator(`.matrix li[data-tid="${id}"] [data-count]`).first();
  await expect(cell('T1204')).toHaveText('1');
  // Covered by other stories only: zero for this story.
  await expect(cell('T1003')).toHaveText('0');
  // The layer links give the same selection as the matrix shows.
  const layerOf = async () =>
    decodeURIComponent(
      new URL((await page.getByRole('link', { name: 'Open in ATT&CK Navigator' }).getAttribute('href'))!).hash,
    );
  await expect(page.getByRole('link', { name: 'Navigator layer (JSON)' })).toHaveAttribute(
    'href',
    '/stories/kubernetes_security/layer.json',
  );
  expect(await layerOf()).toMatch(/\/stories\/kubernetes_security\/layer\.json$/);
  await page.locator('[data-story-filter] select').selectOption('');
  await expect(cell('T1003')).toHaveText('3');
  await expect(page).not.toHaveURL(/story=/);
  await expect(page.getByRole('link', { name: 'Navigator layer (JSON)' })).toHaveAttribute(
    'href',
    '/attack/layer.json',
  );
  expect(await layerOf()).toMatch(/\/attack\/layer\.json$/);
});

test('one button opens and closes every sub-technique list of the matrix', async ({ page }) => {
  await page.goto('/attack/');
  const details = page.locator('.matrix details');
  expect(await details.count()).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Expand all sub-techniques' }).click();
  expect(await page.locator('.matrix details:not([open])').count()).toBe(0);
  await page.getByRole('button', { name: 'Collapse all sub-techniques' }).click();
  expect(await page.locator('.matrix details[open]').count()).toBe(0);
});

test('home and matrix count techniques the same way, sub-techniques apart', async ({ page }) => {
  await page.goto('/attack/');
  const m = (await page.locator('h1 + p').textContent())!.match(/cover (\d+) techniques and (\d+) sub-techniques/)!;
  expect(m).toBeTruthy();
  await page.goto('/');
  const card = page.locator('.cards a', { hasText: 'ATT&CK techniques' });
  await expect(card.locator('.n')).toHaveText(m[1]!);
  await expect(card).toContainText(`Plus ${m[2]} sub-techniques`);
});

test('every matrix count stays inside its column at laptop width', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/attack/');
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-matrix] .col')].flatMap((col) => {
      const box = col.getBoundingClientRect();
      return [...col.querySelectorAll<HTMLElement>(':scope > ul > li > .row [data-count]')]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        })
        .map((c) => c.closest('li')!.dataset.tid);
    }),
  );
  expect(outside).toEqual([]);
});

test('a technique cell links to its page and opens its sub-techniques with a separate toggle', async ({ page }) => {
  await page.goto('/attack/');
  const cell = page.locator('.matrix li[data-tid="T1059"]').first();
  await expect(cell.locator('.row a')).toHaveAttribute('href', '/techniques/T1059/');
  const subs = cell.locator('.subs');
  await expect(subs).toBeHidden();
  await cell.locator('summary').click();
  await expect(subs).toBeVisible();
  await expect(subs.locator('li[data-tid="T1059.001"] a')).toHaveAttribute('href', '/techniques/T1059/001/');
});

test('without JavaScript, a story page links to a static matrix of just that story', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/stories/kubernetes_security/');
  await page.getByRole('link', { name: 'Show on our matrix' }).click();
  await expect(page).toHaveURL(/\/attack\/story\/kubernetes_security\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ATT&CK coverage: Kubernetes Security');
  // Only the story's techniques: T1204 (one detection) is there, an uncovered one is not.
  await expect(page.locator('.matrix li[data-tid="T1204"] [data-count]').first()).toHaveText('1');
  await expect(page.locator('.matrix li[data-tid="T1003"]')).toHaveCount(0);
  await expect(page.locator('.matrix li[data-tid]:not(.l0)').first()).toBeVisible();
  expect(await page.locator('.matrix li.l0').count()).toBe(0);
  await ctx.close();
});
