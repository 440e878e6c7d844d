import { readFileSync } from 'node:fs';
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
  await page.getByRole('link', { name: 'Hunting', exact: true }).click();
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

test('the story filter repaints the matrix for the story and keeps ?story= in the URL', async ({ page }) => {
  await page.goto('/attack/?story=kubernetes_security');
  await expect(page.locator('[data-filter-status]')).toContainText('Kubernetes Security');
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

type ApiDetection = {
  name: string;
  tags: { mitre_attack_id: string[]; analytic_story: string[] };
  catalog: { type: string; status: string };
};
/** What the matrix should count for a technique (or one of its sub-techniques) among some detections. */
const countFor = (ds: ApiDetection[], id: string) =>
  ds.filter((d) => d.tags.mitre_attack_id.some((t) => t === id || t.startsWith(`${id}.`))).length;

test('type, status and story filters combine, and the layer link follows all three', async ({ page, request }) => {
  const all: ApiDetection[] = (await (await request.get('/api/detections.json')).json()).detections;
  const k8s = all.filter((d) => d.tags.analytic_story.includes('Kubernetes Security'));
  const types = [...new Set(k8s.map((d) => d.catalog.type))];
  // The sample's Kubernetes story mixes types, so a type filter must change its counts.
  expect(types.length).toBeGreaterThan(1);
  const type = k8s.find((d) => d.tags.mitre_attack_id.includes('T1204'))!.catalog.type;
  const kept = k8s.filter((d) => d.catalog.type === type);
  const dropped = k8s.find((d) => d.catalog.type !== type)!;
  const other = dropped.tags.mitre_attack_id.find((t) => countFor(kept, t.split('.')[0]) === 0)!.split('.')[0];
  const cell = (id: string) => page.locator(`.matrix li[data-tid="${id}"] [data-count]`).first();

  await page.goto('/attack/');
  await page.locator('[data-story-filter] select').selectOption('kubernetes_security');
  await expect(cell(other)).toHaveText(String(countFor(k8s, other)));
  await page.getByRole('group', { name: 'Type:' }).getByRole('link', { name: type, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/attack/\\?type=${type}&story=kubernetes_security$`));
  await expect(cell('T1204')).toHaveText(String(countFor(kept, 'T1204')));
  await expect(cell(other)).toHaveText('0');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `ATT&CK coverage: ${type} detections of the story “Kubernetes Security”`,
  );
  // No file on the site holds this combination: the layer is made in the browser, with the same scores.
  const link = page.getByRole('link', { name: 'Navigator layer (JSON)' });
  await expect(link).toHaveAttribute('href', /^blob:/);
  await expect(link).toHaveAttribute('download', 'layer.json');
  await expect(page.getByRole('link', { name: 'Open in ATT&CK Navigator' })).toBeHidden();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('layer.json');
  const layer = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(layer.versions.layer).toBe('4.5');
  expect(layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1204').score).toBe(
    countFor(kept, 'T1204'),
  );
  expect(layer.techniques.some((t: { techniqueID: string }) => t.techniqueID === other)).toBe(false);

  // The address is shareable: opened afresh it shows the same; the status chips keep type and story.
  await page.goto(`/attack/?type=${type}&story=kubernetes_security`);
  await expect(cell(other)).toHaveText('0');
  await expect(page.getByRole('group', { name: 'Status:' }).getByRole('link', { name: 'production' })).toHaveAttribute(
    'href',
    `/attack/?type=${type}&status=production&story=kubernetes_security`,
  );
  // Dropping the story leaves the type alone, whose static matrix and layer exist.
  await page.locator('[data-story-filter] select').selectOption('');
  await expect(page).toHaveURL(new RegExp(`/attack/type/${type}/$`));
  await expect(link).toHaveAttribute('href', `/attack/type/${type}/layer.json`);
  await expect(page.getByRole('link', { name: 'Open in ATT&CK Navigator' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/story=kubernetes_security/);
  await expect(cell(other)).toHaveText('0');
});

test('on a type matrix, the story select narrows that type', async ({ page, request }) => {
  const all: ApiDetection[] = (await (await request.get('/api/detections.json')).json()).detections;
  const k8s = all.filter((d) => d.tags.analytic_story.includes('Kubernetes Security'));
  const type = k8s[0].catalog.type;
  await page.goto(`/attack/type/${type}/`);
  await page.locator('[data-story-filter] select').selectOption('kubernetes_security');
  await expect(page).toHaveURL(new RegExp(`/attack/\\?type=${type}&story=kubernetes_security$`));
  const kept = k8s.filter((d) => d.catalog.type === type);
  for (const id of ['T1204', 'T1610', 'T1003'])
    await expect(page.locator(`.matrix li[data-tid="${id}"] [data-count]`).first()).toHaveText(
      String(countFor(kept, id)),
    );
});

test('on a phone the matrix is tactics stacked, with no empty grid after it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/attack/');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const boxes = await page
    .locator('.matrix > section')
    .evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, w: r.width, top: r.top, bottom: r.bottom })),
    );
  expect(boxes).toHaveLength(14);
  for (const [i, b] of boxes.entries()) {
    expect(b.x).toBe(boxes[0].x);
    expect(b.w).toBeGreaterThan(300);
    if (i > 0) expect(b.top).toBeGreaterThan(boxes[i - 1].bottom);
  }
  // The matrix ends where its last tactic does.
  const matrix = await page.locator('.matrix').boundingBox();
  expect(matrix!.y + matrix!.height - boxes[13].bottom).toBeLessThan(2);
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

test('at laptop width, no word of a tactic, technique or sub-technique name is split across lines', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/attack/');
  await page.getByRole('button', { name: 'Expand all sub-techniques' }).click();
  const split = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('[data-matrix] .name, [data-matrix] h2 > a')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // Words end at spaces, slashes and hyphens, where a line may break.
        for (const m of n.textContent!.matchAll(/[^\s/-]+[/-]?/g)) {
          const r = document.createRange();
          r.setStart(n, m.index!);
          r.setEnd(n, m.index! + m[0].length);
          // One box per line the word sits on; a word broken mid-way has two.
          const lines = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  expect(split).toEqual([]);
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

test('without JavaScript, the matrix still opens each list of sub-techniques', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/attack/');
  const cell = page.locator('.matrix li[data-tid="T1059"]').first();
  await cell.locator('summary').click();
  await expect(cell.locator('.subs li[data-tid="T1059.001"] a')).toHaveAttribute('href', '/techniques/T1059/001/');
  await ctx.close();
});

test('with JavaScript, every list of sub-techniques is made once the page has loaded, for filters to paint', async ({
  page,
}) => {
  await page.goto('/attack/');
  await expect(page.locator('.matrix details > noscript')).toHaveCount(0);
  const details = await page.locator('.matrix details').count();
  expect(details).toBeGreaterThan(100);
  await expect(page.locator('.matrix details > ul.subs')).toHaveCount(details);
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
