import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/** An axe pass over one page of each kind, light and dark: no serious or critical violation. */
const pages = [
  '/',
  '/cloud/ad565dca-a701-4558-b3df-bc6086b44949/',
  '/deprecated/862f8349-d534-445b-b757-ced3aa5e3b1f/',
  '/stories/kubernetes_security/',
  '/macros/kube_container_falco/',
  '/lookups/suspicious_shells/',
  '/techniques/T1204/',
  '/attack/',
  '/explore/?q=kubernetes',
  '/detections/',
  '/health/',
  '/no/such_page/',
];

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations (${scheme})`, async ({ browser }) => {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      if (path.startsWith('/explore/')) await page.locator('[data-count][data-result-count]').waitFor();
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(
          `${path} ${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
        );
      }
    }
    await ctx.close();
    expect(found).toEqual([]);
  });
}
