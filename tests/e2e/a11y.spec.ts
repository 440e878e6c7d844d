import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * An axe pass over one page of each kind, light and dark, on a laptop and a phone: no violation
 * of any impact, with every <details> opened (the matrix's sub-techniques, history, source) so
 * that what a visitor can reveal is checked too.
 */
const pages = [
  '/',
  '/cloud/ad565dca-a701-4558-b3df-bc6086b44949/',
  '/deprecated/862f8349-d534-445b-b757-ced3aa5e3b1f/',
  '/stories/kubernetes_security/',
  '/macros/kube_container_falco/',
  '/lookups/suspicious_shells/',
  '/techniques/T1204/',
  '/tactics/TA0002/',
  '/sources/029c124b-cdc1-4974-8e44-0f71b64dc3c9/',
  '/playbooks/k8s_isolate_pod/',
  '/baselines/7b600ba8-574f-475d-8690-76dd898d5f8d/',
  '/investigations/cb68a1ef-e691-46fd-8f9e-b9abe2dbdaa2/',
  '/stories/',
  '/stories/?sort=count#by-data',
  '/sources/',
  '/attack/',
  '/explore/?q=kubernetes',
  '/detections/',
  '/health/',
  '/splunk-settings/',
  '/no/such_page/',
];

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const [width, height] of [
  [1366, 900],
  [390, 844],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`no accessibility violations of any impact (${scheme}, ${width} px)`, async ({ browser }) => {
      test.setTimeout(pages.length * 15_000);
      const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width, height } });
      const page = await ctx.newPage();
      const found: string[] = [];
      for (const path of pages) {
        await page.goto(path);
        // The static list comes first; the results replace it once the index has loaded.
        if (path.startsWith('/explore/')) await page.locator('[data-count][data-result-count]').waitFor();
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        for (const v of r.violations) {
          found.push(
            `${path} ${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes
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
}
