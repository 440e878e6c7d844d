import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The header combobox, by keyboard only: focus with `/`, type, arrow to an option, Enter. */
const box = (page: Page) => page.locator('[data-search-input]');
const options = (page: Page) => page.locator('#site-search-list [role="option"]');

/** Types into the header box and returns the options' kinds and links in order. */
async function offered(page: Page, query: string) {
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await expect(page.locator('[data-site-search]')).toHaveAttribute('data-site-ready', 'pages');
  await page.keyboard.type(query);
  // The detection ids come on the first typed character.
  await expect(page.locator('[data-site-search]')).toHaveAttribute('data-site-ready', 'all');
  await expect(box(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#site-search-list .opt-note')).toHaveCount(0);
  return options(page).evaluateAll((os) =>
    os.map((o) => ({ kind: o.querySelector('.opt-kind')!.textContent, href: o.getAttribute('data-href')! })),
  );
}

const cases: [query: string, kind: string, path: string][] = [
  ['Kubernetes Security', 'Story', '/stories/kubernetes_security/'],
  ['T1003', 'Technique', '/techniques/T1003/'],
  ['Execution', 'Tactic', '/tactics/TA0002/'],
  ['kube_container_falco', 'Macro', '/macros/kube_container_falco/'],
  ['Kubernetes Falco', 'Data source', '/sources/c7e2c810-407c-4e3f-984c-57097e664fc7/'],
  ['kube:container:falco', 'Data source', '/sources/c7e2c810-407c-4e3f-984c-57097e664fc7/'],
  ['suspicious_shells', 'Lookup', '/lookups/suspicious_shells/'],
  ['K8s Isolate Pod', 'Playbook', '/playbooks/k8s_isolate_pod/'],
  ['Baseline Of Kubernetes Shell Users', 'Baseline', '/baselines/7b600ba8-574f-475d-8690-76dd898d5f8d/'],
  ['Investigate Kubernetes User Activity', 'Investigation', '/investigations/cb68a1ef-e691-46fd-8f9e-b9abe2dbdaa2/'],
  ['AWS Console Login From New Country', 'Detection', '/cloud/e3a81cab-522a-43aa-a36c-554587f4fcf6/'],
  ['e3a81cab-522a-43aa-a36c-554587f4fcf6', 'Detection', '/cloud/e3a81cab-522a-43aa-a36c-554587f4fcf6/'],
];

for (const [query, kind, path] of cases) {
  test(`header search: "${query}" offers the ${kind.toLowerCase()} first, and Enter opens it`, async ({ page }) => {
    await page.goto('/stories/');
    const list = await offered(page, query);
    // The exact match leads its kind and its kind leads the list.
    expect(list[0]).toEqual({ kind, href: path });
    expect(list.at(-1)!.href).toBe(`/explore/?q=${encodeURIComponent(query)}`);
    await page.keyboard.press('ArrowDown');
    await expect(box(page)).toHaveAttribute('aria-activedescendant', /site-search-o0/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(path);
  });
}

test('header search: a typo still finds the story; arrows wrap; the last option opens Explore', async ({ page }) => {
  await page.goto('/');
  const list = await offered(page, 'kubernets secur');
  expect(list[0]).toEqual({ kind: 'Story', href: '/stories/kubernetes_security/' });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/explore/?q=kubernets%20secur');
});

test('header search: Ctrl-K focuses it from a field; Esc closes the list, then clears', async ({ page }) => {
  await page.goto('/explore/');
  await page.locator('[data-q]').focus();
  await page.keyboard.press('Control+k');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('lsass');
  await expect(options(page).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('#site-search-list')).toBeHidden();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(box(page)).toHaveValue('');
});

test('header search: a list closed with Esc stays closed when the detection ids arrive later', async ({ page }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/site-detections.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/explore/');
  await box(page).focus();
  await page.keyboard.type('lsass');
  await expect(options(page).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('#site-search-list')).toBeHidden();
  release();
  await expect(page.locator('form[data-site-ready="all"]')).toHaveCount(1);
  await expect(page.locator('#site-search-list')).toBeHidden();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(box(page)).toBeFocused();
});

test('header search: the index loads on first focus, not before', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('/stories/');
  await page.waitForLoadState('networkidle');
  expect(fetched.some((u) => u.includes('site-index.json'))).toBe(false);
  await page.keyboard.press('/');
  await expect.poll(() => fetched.some((u) => u.includes('site-index.json'))).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the header box submits to Explore', async ({ page }) => {
    await page.goto('/stories/');
    await box(page).fill('kubernetes');
    await box(page).press('Enter');
    await expect(page).toHaveURL('/explore/?q=kubernetes');
  });
});

for (const query of ['T1003', 'kubernetes', 'kube_container_falco', 'T1204x'])
  test(`header search: "See all N detections" for "${query}" says what Explore then shows`, async ({ page }) => {
    await page.goto('/stories/');
    await page.keyboard.press('/');
    await page.keyboard.type(query);
    const all = page.locator('#site-search-list .opt-all');
    await expect(all).toHaveAttribute('data-count', /^\d+$/);
    const n = Number(await all.getAttribute('data-count'));
    await expect(all.locator('.opt-name')).toHaveText(
      n === 0
        ? `No detection matches “${query}”: see suggestions in Explore`
        : n === 1
          ? 'See the 1 detection in Explore'
          : `See all ${n} detections in Explore`,
    );
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/explore/?q=${encodeURIComponent(query)}`);
    await expect(page.locator('[data-result-count]')).toHaveAttribute('data-result-count', String(n));
  });

test('header search: a detection chosen before its id has arrived opens once it does', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/site-detections.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/stories/');
  await page.keyboard.press('/');
  await expect(page.locator('[data-site-search]')).toHaveAttribute('data-site-ready', 'pages');
  await page.keyboard.type('AWS Console Login From New Country');
  const first = options(page).first();
  await expect(first.locator('.opt-kind')).toHaveText('Detection');
  await expect(first).not.toHaveAttribute('data-href');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/stories/');
  release();
  await expect(page).toHaveURL('/cloud/e3a81cab-522a-43aa-a36c-554587f4fcf6/');
});

for (const scheme of ['light', 'dark'] as const)
  test(`header search: the open list with its count has no accessibility violation (${scheme})`, async ({
    browser,
  }) => {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto('/stories/');
    await page.keyboard.press('/');
    await page.keyboard.type('kubernetes');
    await expect(page.locator('#site-search-list .opt-all')).toHaveAttribute('data-count', /^\d+$/);
    await page.keyboard.press('ArrowDown');
    const r = await new AxeBuilder({ page })
      .include('[data-site-search]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await ctx.close();
  });
