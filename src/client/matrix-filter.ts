/**
 * The coverage matrix's filters combined: type, status and story, on any full matrix. Counts
 * are recomputed from `attack/filter.json` (fetched on first use) the way the build counts them,
 * the URL keeps the filter for sharing, and the layer links follow: a static layer when the
 * build wrote one, else a layer made here.
 */
import { heatLevel } from '../domain/attack/heat.ts';
import { coverageCounts, coverageSummary } from '../domain/attack/coverage.ts';
import { buildLayer, navigatorUrl, techniqueCounts } from '../domain/navigator/layer.ts';
import {
  describeFilter,
  filterFromPath,
  filterFromQuery,
  filterPath,
  sameFilter,
  selectRows,
  staticLayerPath,
  type MatrixFilter,
  type MatrixFilterData,
} from '../domain/navigator/matrix-filter.ts';
import { href, paths } from '../domain/urls/index.ts';
import { renderAllSubs, subsReady } from './matrix-subs.ts';

const nav = document.querySelector<HTMLElement>('[data-matrix-filters]');
const matrix = document.querySelector<HTMLElement>('[data-matrix]');
const select = document.querySelector<HTMLSelectElement>('[data-story-filter] select');
const status = document.querySelector<HTMLElement>('[data-filter-status]');
const title = document.querySelector<HTMLElement>('[data-matrix-title]');
const summary = document.querySelector<HTMLElement>('[data-matrix-summary]');
const layerLink = document.querySelector<HTMLAnchorElement>('[data-layer-link]');
const navigatorLink = document.querySelector<HTMLAnchorElement>('[data-navigator-link]');
const navigatorPart = document.querySelector<HTMLElement>('[data-navigator-part]');
const layerNote = document.querySelector<HTMLElement>('[data-layer-note]');

/** What the document itself was rendered for (its type, status or compact story). */
const pageFilter: MatrixFilter = {
  type: nav?.dataset.type || undefined,
  status: nav?.dataset.status || undefined,
  story: nav?.dataset.story || undefined,
};
const compact = nav?.hasAttribute('data-compact') ?? true;
const original = {
  title: title?.textContent ?? '',
  summary: summary?.textContent ?? '',
  counts: new Map<HTMLElement, string>(),
};
let data: Promise<MatrixFilterData> | null = null;
let blobUrl: string | null = null;

const load = () =>
  (data ??= fetch(nav!.dataset.filterData!).then((r) => {
    if (!r.ok) throw new Error(`${r.status}`);
    return r.json() as Promise<MatrixFilterData>;
  }));

const storyName = (slug?: string) =>
  slug ? ([...(select?.options ?? [])].find((o) => o.value === slug)?.text ?? slug) : undefined;

/** Chips link to the filter they would give, keeping the others. */
function pointChips(f: MatrixFilter) {
  for (const a of nav?.querySelectorAll<HTMLAnchorElement>('a[data-filter-key]') ?? []) {
    const key = a.dataset.filterKey as 'type' | 'status';
    const value = a.dataset.filterValue || undefined;
    a.href = href(filterPath({ ...f, [key]: value }));
    if ((f[key] ?? '') === (value ?? '')) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

function paintCells(scores: Map<string, number> | null) {
  if (!matrix) return;
  for (const li of matrix.querySelectorAll<HTMLElement>('li[data-tid]')) {
    const count = li.querySelector<HTMLElement>(':scope > [data-count], :scope > .row > [data-count]');
    if (!count) continue;
    if (!original.counts.has(count)) original.counts.set(count, count.textContent ?? '0');
    const n = scores ? (scores.get(li.dataset.tid!) ?? 0) : Number(original.counts.get(count));
    count.textContent = String(n);
    if (count.hasAttribute('aria-label')) count.setAttribute('aria-label', `${n} detections`);
    li.classList.remove('l0', 'l1', 'l2', 'l3', 'l4');
    li.classList.add(`l${heatLevel(n)}`);
  }
  for (const col of matrix.querySelectorAll<HTMLElement>('section')) {
    const el = col.querySelector('[data-covered]');
    if (el) el.textContent = String(col.querySelectorAll(':scope > ul > li:not(.l0)').length);
  }
}

function pointLayers(f: MatrixFilter, rows: { name: string; mitreIds: string[] }[] | null) {
  if (!layerLink || !navigatorLink) return;
  if (blobUrl) URL.revokeObjectURL(blobUrl);
  blobUrl = null;
  const path = staticLayerPath(f);
  if (path || !rows) {
    const target = href(path ?? paths.matrixLayer(''));
    layerLink.href = target;
    layerLink.removeAttribute('download');
    navigatorLink.href = navigatorUrl(new URL(target, location.href).href);
    if (navigatorPart) navigatorPart.hidden = false;
    if (layerNote) layerNote.hidden = true;
    return;
  }
  // Navigator opens layers by address only; a combination has no file on the site.
  const layer = buildLayer(rows, {
    name: describeFilter(f, storyName(f.story)),
    description: `Techniques covered by the catalog's ${describeFilter(f, storyName(f.story))}; score = number of detections.`,
    attackVersion: nav?.dataset.attackVersion ?? '',
    techniqueUrl: (id) => new URL(href(paths.technique(id)), location.href).href,
  });
  blobUrl = URL.createObjectURL(new Blob([JSON.stringify(layer, null, 1)], { type: 'application/json' }));
  layerLink.href = blobUrl;
  layerLink.download = 'layer.json';
  if (navigatorPart) navigatorPart.hidden = true;
  if (layerNote) layerNote.hidden = false;
}

const currentCell = (id: string) => !!matrix?.querySelector(`li[data-tid="${CSS.escape(id)}"]`);

async function apply(f: MatrixFilter) {
  pointChips(f);
  if (select) select.value = f.story ?? '';
  if (sameFilter(f, pageFilter)) {
    paintCells(null);
    if (title) title.textContent = original.title;
    if (summary) summary.textContent = original.summary;
    if (status) status.textContent = '';
    pointLayers(f, null);
    return;
  }
  let d: MatrixFilterData;
  try {
    d = await load();
  } catch {
    if (status) status.textContent = 'The filter data could not be loaded; the links above still work.';
    return;
  }
  if (f.story && !d.stories.includes(f.story)) f = { ...f, story: undefined };
  await subsReady();
  const rows = selectRows(d, f);
  const counts = techniqueCounts(rows);
  paintCells(new Map([...counts].map(([id, ds]) => [id, ds.length])));
  const label = describeFilter(f, storyName(f.story));
  const line = coverageSummary(rows.length, coverageCounts(counts.keys(), currentCell));
  if (title) title.textContent = f.type || f.status || f.story ? `ATT&CK coverage: ${label}` : 'ATT&CK coverage';
  if (summary) summary.textContent = line;
  if (status) status.textContent = `Showing ${label.charAt(0).toLowerCase()}${label.slice(1)}: ${line}.`;
  pointLayers(f, rows);
}

/** The filter of the address shown (which pushState may have moved off the document's own). */
const fromLocation = () => filterFromQuery(new URLSearchParams(location.search), filterFromPath(location.pathname));

function go(f: MatrixFilter) {
  history.pushState(null, '', href(filterPath(f)));
  void apply(f);
}

if (nav && !compact) {
  // With `mine=1` the cells show coverage with the visitor's data (my-data-apply.ts) instead.
  const mine = new URLSearchParams(location.search).get('mine') === '1';
  const initial = fromLocation();
  if (!mine) {
    if (!sameFilter(initial, pageFilter)) void apply(initial);
    else pointChips(initial);
    nav.addEventListener('click', (e) => {
      const a = (e.target as Element).closest<HTMLAnchorElement>('a[data-filter-key]');
      if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      const key = a.dataset.filterKey as 'type' | 'status';
      go({ ...fromLocation(), [key]: a.dataset.filterValue || undefined });
    });
    select?.addEventListener('change', () => go({ ...fromLocation(), story: select.value || undefined }));
    window.addEventListener('popstate', () => void apply(fromLocation()));
  }
} else if (nav && pageFilter.story) {
  // A story's compact matrix: the type and status links open the full matrix with the story kept.
  pointChips(pageFilter);
}

const expandAll = document.querySelector<HTMLButtonElement>('[data-expand-all]');
// Shown from the first paint (html.js), so that it never moves the page once scripts run.
if (expandAll && !matrix?.querySelector('details')) expandAll.hidden = true;
else if (expandAll && matrix) {
  expandAll.addEventListener('click', () => {
    renderAllSubs();
    const all = [...matrix.querySelectorAll('details')];
    const open = !all.every((d) => d.open);
    for (const d of all) d.open = open;
    expandAll.textContent = open ? 'Collapse all sub-techniques' : 'Expand all sub-techniques';
  });
}

// A module, not a script: its names stay out of the global scope.
export {};
