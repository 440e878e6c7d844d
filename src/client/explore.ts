import { plural } from '../lib/text/plural.ts';
import { SearchEngine, FACETS, type Facet, type Filters, type Sort } from '../domain/search/engine.ts';
import type { SearchData } from '../domain/search/records.ts';
import { selectCsv, selectJson } from '../domain/search/export.ts';
import { STORAGE_KEY } from '../domain/coverage/key.ts';

/**
 * The explore page: lazy index, search on every keystroke, facets with live counts, state in
 * the URL (back/forward work), incremental result rendering, keyboard navigation. Content is
 * only ever inserted with textContent.
 */
const root = document.querySelector<HTMLElement>('[data-explore]');
if (root) init(root);

interface State {
  q: string;
  sort: Sort;
  filters: Filters;
  /** `mine=1`: only detections runnable with the visitor's data profile. */
  mine: boolean;
}

// Small first page: every keystroke re-renders it; the rest streams in on scroll.
const PAGE = 20;

function init(root: HTMLElement) {
  const base = root.dataset.base ?? '/';
  const input = root.querySelector<HTMLInputElement>('[data-q]')!;
  const sortEl = root.querySelector<HTMLSelectElement>('[data-sort]')!;
  const form = root.querySelector<HTMLFormElement>('[data-form]')!;
  const list = root.querySelector<HTMLOListElement>('[data-results]')!;
  const count = root.querySelector<HTMLElement>('[data-count]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-more]')!;
  const facetsEl = root.querySelector<HTMLElement>('[data-facets]')!;
  const storiesEl = root.querySelector<HTMLElement>('[data-stories]')!;
  const actions = root.querySelector<HTMLElement>('[data-actions]')!;
  const sinceEl = root.querySelector<HTMLInputElement>('[data-since]')!;
  const mineBox = root.querySelector<HTMLElement>('[data-mine-filter]')!;
  const mineEl = mineBox.querySelector<HTMLInputElement>('input')!;
  const section = list.closest('section')!;

  let engine: SearchEngine | null = null;
  let loading: Promise<SearchEngine> | null = null;
  let hits: number[] = [];
  let shown = 0;
  let state = readState();

  function readState(): State {
    const p = new URLSearchParams(location.search);
    const filters: Filters = {};
    for (const f of FACETS) {
      const v = p.getAll(f).filter(Boolean);
      if (v.length) filters[f] = v;
    }
    const since = p.get('since');
    if (since && /^\d{4}-\d{2}-\d{2}$/.test(since)) filters.since = since;
    const sort = p.get('sort');
    return {
      q: p.get('q') ?? '',
      sort: sort === 'newest' || sort === 'name' ? sort : 'relevance',
      filters,
      mine: p.get('mine') === '1',
    };
  }

  function stateUrl(s: State): string {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    for (const f of FACETS) for (const v of s.filters[f] ?? []) p.append(f, v);
    if (s.filters.since) p.set('since', s.filters.since);
    if (s.mine) p.set('mine', '1');
    const qs = p.toString();
    return `${location.pathname}${qs ? `?${qs}` : ''}`;
  }

  function commit(push: boolean) {
    const url = stateUrl(state);
    if (url === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  function load(): Promise<SearchEngine> {
    loading ??= fetch(root.dataset.index!)
      .then((r) => {
        if (!r.ok) throw new Error(`index: HTTP ${r.status}`);
        return r.json() as Promise<SearchData>;
      })
      .then((data) => {
        engine = new SearchEngine(data);
        facetsEl.hidden = false;
        actions.hidden = false;
        return engine;
      });
    return loading;
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderItem(i: number): HTMLLIElement {
    const d = engine!.doc(i);
    const li = el('li');
    const a = el('a');
    a.href = engine!.resultHref(i, base);
    a.append(el('div', 'r-name', d.name));
    const meta = el('div', 'r-meta');
    meta.append(el('span', '', d.type));
    meta.append(el('span', `r-s-${d.status}`, d.status));
    if (d.techniques.length) {
      const ids = el('span');
      for (const m of d.techniques) ids.append(el('code', '', m), ' ');
      meta.append(ids);
    }
    if (d.stories.length)
      meta.append(
        el('span', '', d.stories.slice(0, 3).join(' · ') + (d.stories.length > 3 ? ` +${d.stories.length - 3}` : '')),
      );
    if (d.date) meta.append(el('span', '', `updated ${d.date}`));
    a.append(meta);
    a.append(el('div', 'r-x', d.snippet));
    li.append(a);
    return li;
  }

  function renderMore() {
    const frag = document.createDocumentFragment();
    const end = Math.min(hits.length, shown + PAGE);
    for (let k = shown; k < end; k++) frag.append(renderItem(hits[k]));
    list.append(frag);
    shown = end;
    more.hidden = shown >= hits.length;
    more.textContent = `Show more (${hits.length - shown} left)`;
  }

  let lastFacets: Record<Facet, Map<string, number>> | null = null;
  const facetBoxes = new Map(
    FACETS.map((f) => [f, facetsEl.querySelector<HTMLDetailsElement>(`[data-facet="${f}"]`)!]),
  );

  /** Rebuilds the value lists of open facets only; a closed one is filled when it is opened. */
  function renderFacets(facets: Record<Facet, Map<string, number>>) {
    lastFacets = facets;
    for (const f of FACETS) {
      const details = facetBoxes.get(f)!;
      details.dataset.stale = 'true';
      if (!details.open) continue;
      delete details.dataset.stale;
      const box = details.querySelector<HTMLElement>('[data-values]')!;
      const selected = new Set(state.filters[f] ?? []);
      const entries = [...facets[f].entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const s of selected) if (!facets[f].has(s)) entries.push([s, 0]);
      const top = entries.filter(([v], k) => k < 60 || selected.has(v));
      const frag = document.createDocumentFragment();
      for (const [v, n] of top) {
        const label = el('label', n === 0 ? 'v zero' : 'v');
        const cb = el('input');
        cb.type = 'checkbox';
        cb.checked = selected.has(v);
        cb.dataset.facet = f;
        cb.value = v;
        const dict = engine!.data.dict;
        const tn = f === 'technique' ? dict.techniqueNames[dict.techniques.indexOf(v)] : null;
        const name = tn ? `${v} ${tn}` : v;
        label.append(cb, el('span', '', name), el('span', 'c', String(n)));
        frag.append(label);
      }
      box.replaceChildren(frag);
    }
  }

  function renderStories(ids: number[]) {
    const data = engine!.data;
    storiesEl.replaceChildren();
    storiesEl.hidden = ids.length === 0;
    if (!ids.length) return;
    storiesEl.append(el('strong', '', `${plural(ids.length, 'Story', 'Stories')}: `));
    ids.forEach((i, k) => {
      const a = el('a', '', data.dict.stories[i]);
      a.href = engine!.storyHref(i, base);
      if (k) storiesEl.append(' · ');
      storiesEl.append(a, el('span', 'muted', ` (${data.storyInfo[i].n})`));
    });
  }

  // The runnable documents, loaded (with the coverage code) the first time `mine=1` is on.
  let mine: { docs: ReadonlySet<number>; profile: boolean } | null = null;
  let mineLoading = false;
  function loadMine() {
    if (mineLoading || !engine) return;
    mineLoading = true;
    import('./my-data-runnable.ts')
      .then((m) => m.runnableDocs(engine!.data.docs.id))
      .catch(() => ({ docs: new Set<number>(), profile: false }))
      .then((m) => {
        mine = m;
        run();
      });
  }

  let lastTiming = 0;
  function run() {
    if (!engine) return;
    if (state.mine && !mine) return loadMine();
    const t0 = performance.now();
    const filters = state.mine ? { ...state.filters, within: mine!.docs } : state.filters;
    const res = engine.search(state.q, filters, state.sort);
    hits = res.hits;
    shown = 0;
    list.replaceChildren();
    renderMore();
    renderFacets(res.facets);
    renderStories(res.stories);
    const total = state.filters.status?.includes('removed') ? engine.size : engine.live;
    lastTiming = performance.now() - t0;
    count.textContent =
      state.q || Object.keys(state.filters).length || state.mine
        ? `${hits.length} of ${total} detections`
        : `All ${total} detections`;
    if (state.mine)
      count.textContent += mine!.profile
        ? ' runnable with my data'
        : ' (no data profile in this browser: set one on My data)';
    count.dataset.resultCount = String(hits.length);
    root.dataset.searchMs = lastTiming.toFixed(2);
    section.setAttribute('aria-busy', 'false');
    root.dispatchEvent(new CustomEvent('explore:rendered', { detail: { ms: lastTiming, hits: hits.length } }));
  }

  function syncControls() {
    input.value = state.q;
    sortEl.value = state.sort;
    sinceEl.value = state.filters.since ?? '';
    mineEl.checked = state.mine;
    if (state.mine) mineBox.hidden = false;
  }

  async function start() {
    syncControls();
    await load().catch((e: Error) => {
      count.textContent = `The search index could not be loaded (${e.message}). Browse the list pages instead.`;
      throw e;
    });
    run();
  }

  let typingTimer = 0;
  input.addEventListener('input', () => {
    state = { ...state, q: input.value };
    if (engine) run();
    else void load().then(run);
    // The URL follows once typing pauses: a history call per keystroke costs more than the search.
    clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => commit(true), 600);
  });
  input.addEventListener('focus', () => void load(), { once: true });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    commit(true);
    const first = list.querySelector('a');
    first?.focus();
  });
  sortEl.addEventListener('change', () => {
    state = { ...state, sort: sortEl.value as Sort };
    commit(true);
    run();
  });
  sinceEl.addEventListener('change', () => {
    const filters = { ...state.filters };
    if (sinceEl.value) filters.since = sinceEl.value;
    else delete filters.since;
    state = { ...state, filters };
    commit(true);
    run();
  });
  facetsEl.addEventListener('change', (e) => {
    const cb = e.target as HTMLInputElement;
    const f = cb.dataset.facet as Facet | undefined;
    if (!f) return;
    const cur = new Set(state.filters[f] ?? []);
    if (cb.checked) cur.add(cb.value);
    else cur.delete(cb.value);
    const filters = { ...state.filters, [f]: [...cur] };
    if (!cur.size) delete filters[f];
    state = { ...state, filters };
    commit(true);
    run();
  });
  mineEl.addEventListener('change', () => {
    state = { ...state, mine: mineEl.checked };
    commit(true);
    run();
  });
  try {
    if (localStorage.getItem(STORAGE_KEY)) mineBox.hidden = false;
  } catch {
    // No storage, no profile.
  }
  facetsEl.querySelector('[data-clear-filters]')!.addEventListener('click', () => {
    state = { ...state, filters: {}, mine: false };
    syncControls();
    commit(true);
    run();
  });
  more.addEventListener('click', renderMore);
  for (const details of facetBoxes.values()) {
    details.addEventListener('toggle', () => {
      if (details.open && details.dataset.stale && lastFacets) renderFacets(lastFacets);
    });
  }
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(
      (entries) => {
        if (entries.some((x) => x.isIntersecting) && !more.hidden) renderMore();
      },
      { rootMargin: '400px' },
    ).observe(more);
  }
  window.addEventListener('popstate', () => {
    state = readState();
    syncControls();
    run();
  });

  // Keyboard: Esc clears, arrows move between the box and the results, Enter follows a link.
  root.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.key === 'Escape' && t === input) {
      input.value = '';
      input.dispatchEvent(new Event('input'));
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll<HTMLAnchorElement>(':scope > li > a')];
    const at = links.indexOf(t as HTMLAnchorElement);
    if (t === input && e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[0].focus();
    } else if (at >= 0) {
      e.preventDefault();
      if (e.key === 'ArrowDown') {
        if (at + 1 >= links.length && !more.hidden) renderMore();
        const next = list.querySelectorAll<HTMLAnchorElement>(':scope > li > a')[at + 1];
        next?.focus();
      } else if (at === 0) input.focus();
      else links[at - 1].focus();
    }
  });

  root.querySelector('[data-copy-link]')!.addEventListener('click', async (e) => {
    const b = e.currentTarget as HTMLButtonElement;
    commit(false);
    try {
      await navigator.clipboard.writeText(location.href);
      b.textContent = 'Link copied';
    } catch {
      b.textContent = 'Copy the address bar';
    }
    setTimeout(() => (b.textContent = 'Copy link'), 1500);
  });
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-download]')) {
    b.addEventListener('click', async () => {
      if (!engine) return;
      const kind = b.dataset.download === 'json' ? 'json' : 'csv';
      const ids = hits.map((i) => engine!.data.docs.id[i]);
      const label = b.textContent;
      b.disabled = true;
      b.textContent = 'Preparing…';
      try {
        const r = await fetch(`${base}api/detections.${kind}`);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        const body = kind === 'csv' ? selectCsv(await r.text(), ids) : selectJson(await r.json(), ids);
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([body], { type: kind === 'csv' ? 'text/csv' : 'application/json' }));
        a.download = `detections.${kind}`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      } catch (e) {
        b.textContent = `Download failed (${(e as Error).message})`;
      } finally {
        b.disabled = false;
        setTimeout(() => (b.textContent = label), 2500);
      }
    });
  }

  // Fetch on idle when nothing asked for it yet; at once when the URL carries a query.
  if (location.search) void start();
  else if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: 1500 });
  else setTimeout(() => void start(), 300);
}
