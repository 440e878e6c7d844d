/**
 * Story filter for the coverage matrix: repaints cell counts and shading from the story's
 * Navigator layer (same roll-up as the page), keeps `?story=<slug>` in the URL for sharing.
 */
import { heatLevel } from '../domain/attack/heat.ts';
import { navigatorUrl } from '../domain/navigator/layer.ts';

const select = document.querySelector<HTMLSelectElement>('[data-story-filter] select');
const matrix = document.querySelector<HTMLElement>('[data-matrix]');
const status = document.querySelector<HTMLElement>('[data-story-status]');
const original = new Map<HTMLElement, string>();
const layerLink = document.querySelector<HTMLAnchorElement>('[data-layer-link]');
const navigatorLink = document.querySelector<HTMLAnchorElement>('[data-navigator-link]');
const wholeLayer = layerLink?.getAttribute('href') ?? null;

/** The layer links follow the story shown: the same selection in Navigator as in the matrix. */
function pointLayerLinks(layer: string | null) {
  const target = layer ?? wholeLayer;
  if (!target || !layerLink || !navigatorLink) return;
  layerLink.setAttribute('href', target);
  navigatorLink.href = navigatorUrl(new URL(target, location.href).href);
}

function paint(scores: Map<string, number> | null) {
  if (!matrix) return;
  for (const li of matrix.querySelectorAll<HTMLElement>('li[data-tid]')) {
    const count = li.querySelector<HTMLElement>(':scope > [data-count], :scope > .row > [data-count]');
    if (!count) continue;
    if (!original.has(count)) original.set(count, count.textContent ?? '0');
    const n = scores ? (scores.get(li.dataset.tid!) ?? 0) : Number(original.get(count));
    count.textContent = String(n);
    li.className = `l${heatLevel(n)}`;
  }
  for (const col of matrix.querySelectorAll<HTMLElement>('section')) {
    const covered = col.querySelectorAll(':scope > ul > li:not(.l0)').length;
    const el = col.querySelector('[data-covered]');
    if (el) el.textContent = String(covered);
  }
}

async function apply(slug: string, push: boolean) {
  const opt = select ? [...select.options].find((o) => o.value === slug) : undefined;
  if (!opt?.dataset.layer) {
    paint(null);
    if (status) status.textContent = '';
  } else {
    const layer = (await (await fetch(opt.dataset.layer)).json()) as {
      techniques: { techniqueID: string; score: number }[];
    };
    paint(new Map(layer.techniques.map((t) => [t.techniqueID, t.score])));
    if (status)
      status.textContent = `Showing ${layer.techniques.filter((t) => !t.techniqueID.includes('.')).length} techniques covered by “${opt.text}”`;
  }
  const known = !!opt?.dataset.layer;
  pointLayerLinks(known ? opt!.dataset.layer! : null);
  if (select) select.value = known ? slug : '';
  const url = new URL(location.href);
  if (known) url.searchParams.set('story', slug);
  else url.searchParams.delete('story');
  if (push) history.pushState(null, '', url);
}

if (select) {
  select.addEventListener('change', () => void apply(select.value, true));
  window.addEventListener('popstate', () => void apply(new URLSearchParams(location.search).get('story') ?? '', false));
  const initial = new URLSearchParams(location.search).get('story');
  // With `mine=1` the cells show coverage with the visitor's data (my-data-apply.ts) instead.
  if (initial && new URLSearchParams(location.search).get('mine') !== '1') void apply(initial, false);
}

const expandAll = document.querySelector<HTMLButtonElement>('[data-expand-all]');
if (expandAll && matrix?.querySelector('details')) {
  expandAll.hidden = false;
  expandAll.addEventListener('click', () => {
    const all = [...matrix.querySelectorAll('details')];
    const open = !all.every((d) => d.open);
    for (const d of all) d.open = open;
    expandAll.textContent = open ? 'Collapse all sub-techniques' : 'Expand all sub-techniques';
  });
}

// A module, not a script: its names stay out of the global scope.
export {};
