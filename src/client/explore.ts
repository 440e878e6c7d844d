import { counted, plural } from '../lib/text/plural.ts';
import {
  SearchEngine,
  FACETS,
  HIDDEN_STATUSES,
  type Facet,
  type Filters,
  type SearchResult,
  type Sort,
} from '../domain/search/engine.ts';
import type { SearchData } from '../domain/search/records.ts';
import type { SearchText } from '../domain/search/text.ts';
import type { SiteHit, SiteSearch, SiteWire } from '../domain/search/site.ts';
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
// A facet with more values than this gets a filter box and "Show all".
const SHORT = 12;

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
  const chipsEl = root.querySelector<HTMLElement>('[data-chips]')!;
  const nohitEl = root.querySelector<HTMLElement>('[data-nohit]')!;
  // The header box shows the same query as the page's box.
  const headerBox = document.querySelector<HTMLInputElement>('[data-search-input]');

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
      // Parsing and indexing are two tasks, not one long one.
      .then((data) => new Promise<SearchData>((r) => setTimeout(() => r(data), 0)))
      .then((data) => {
        engine = new SearchEngine(data);
        delete facetsEl.dataset.pending;
        delete actions.dataset.pending;
        return engine;
      });
    return loading;
  }

  // The search text (SPL, macros, fields) comes after the index: a query asking `spl:` waits for
  // it, plain queries gain its words once it is there.
  let textLoading: Promise<void> | null = null;
  let textFailed = false;
  function loadText(): Promise<void> {
    textLoading ??= fetch(root.dataset.text!)
      .then((r) => {
        if (!r.ok) throw new Error(`search text: HTTP ${r.status}`);
        return r.json() as Promise<SearchText>;
      })
      .then(
        (t) => {
          engine?.attachText(t);
          if (state.q) run();
        },
        (e: Error) => {
          textFailed = true;
          if (state.q) run();
          throw e;
        },
      );
    return textLoading;
  }

  // The header search's page index names the technique, story, data source or macro a query
  // is, for the "best match" row.
  let pages: SiteSearch | null = null;
  let pagesLoading = false;
  function loadPages() {
    if (pagesLoading) return;
    pagesLoading = true;
    Promise.all([
      import('../domain/search/site.ts'),
      fetch(root.dataset.pages!).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<SiteWire>;
      }),
    ])
      .then(([m, ix]) => {
        pages = new m.SiteSearch(m.decodeSiteIndex(ix, null, { detections: false }), { exactOnly: true });
        // When it comes after the results, only the row is added: searching and rendering
        // again would be one more long task while the page is still loading.
        const best = renderBest();
        if (best && engine && !list.querySelector('.best')) list.prepend(best);
      })
      .catch(() => undefined);
  }

  const BEST_KINDS = new Set(['technique', 'tactic', 'story', 'data_source', 'macro', 'lookup']);
  const BEST_LABEL: Record<string, string> = {
    technique: 'Technique',
    tactic: 'Tactic',
    story: 'Analytic story',
    data_source: 'Data source',
    macro: 'Macro',
    lookup: 'Lookup',
  };
  /** The page the whole query names: a technique id, a story, data source or macro name. */
  function bestMatch(): SiteHit | null {
    if (!pages || !state.q.trim()) return null;
    const prefixed = /^\s*(?:ds|story|tactic|technique|t):"?([^"]+)"?\s*$/i.exec(state.q);
    const q = (prefixed ? prefixed[1] : state.q).trim();
    for (const g of pages.search(q, 1).groups) {
      const h = g.hits[0];
      if (h?.exact && BEST_KINDS.has(h.kind)) return h;
    }
    return null;
  }

  function renderBest(): HTMLLIElement | null {
    const h = bestMatch();
    if (!h) return null;
    const li = el('li', 'best');
    const a = el('a');
    a.href = base + h.path;
    a.append(el('div', 'r-meta', `Best match · ${BEST_LABEL[h.kind] ?? h.kind}`), el('div', 'r-name', h.name));
    if (h.context) a.append(el('div', 'r-x', h.context));
    li.append(a);
    return li;
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

  const facetLabel = new Map(FACETS.map((f) => [f, facetBoxes.get(f)!.querySelector('summary')!.textContent!.trim()]));
  /** Per facet: the text typed in its filter box, and whether "Show all" is on. */
  const facetNeedle = new Map<Facet, string>();
  const facetAll = new Set<Facet>();

  function valueLabel(f: Facet, v: string): string {
    if (f !== 'technique') return v;
    const dict = engine!.data.dict;
    const tn = dict.techniqueNames[dict.techniques.indexOf(v)];
    return tn ? `${v} ${tn}` : v;
  }

  /** The filter box and the "Show all" button of a long facet, made once (they need JavaScript). */
  function facetControls(f: Facet, details: HTMLDetailsElement) {
    let filter = details.querySelector<HTMLInputElement>('[data-facet-filter]');
    let toggle = details.querySelector<HTMLButtonElement>('[data-facet-all]');
    if (!filter || !toggle) {
      filter = el('input', 'facet-filter');
      filter.type = 'search';
      filter.dataset.facetFilter = f;
      filter.placeholder = 'Filter values…';
      filter.setAttribute('aria-label', `Filter ${facetLabel.get(f)} values`);
      filter.autocomplete = 'off';
      filter.addEventListener('input', () => {
        facetNeedle.set(f, filter!.value.trim().toLowerCase());
        if (lastFacets) renderFacet(f, lastFacets);
      });
      toggle = el('button', 'link facet-all');
      toggle.type = 'button';
      toggle.dataset.facetAll = f;
      toggle.addEventListener('click', () => {
        if (facetAll.has(f)) facetAll.delete(f);
        else facetAll.add(f);
        if (lastFacets) renderFacet(f, lastFacets);
      });
      details.querySelector('summary')!.after(filter);
      details.append(toggle);
    }
    return { filter, toggle };
  }

  /**
   * One facet's values: the selected ones first, then by count. A long facet shows its top
   * values, a filter box reaching every value, and "Show all".
   */
  function renderFacet(f: Facet, facets: Record<Facet, Map<string, number>>) {
    const details = facetBoxes.get(f)!;
    const box = details.querySelector<HTMLElement>('[data-values]')!;
    const selected = new Set(state.filters[f] ?? []);
    const entries = [...facets[f].entries()].sort(
      (a, b) => Number(selected.has(b[0])) - Number(selected.has(a[0])) || b[1] - a[1] || a[0].localeCompare(b[0]),
    );
    for (const s of selected) if (!facets[f].has(s)) entries.unshift([s, 0]);
    const n = details.querySelector<HTMLElement>('[data-facet-n]');
    if (n) n.textContent = selected.size ? ` (${selected.size} of ${entries.length})` : ` (${entries.length})`;
    let shownEntries = entries;
    if (entries.length > SHORT) {
      const { filter, toggle } = facetControls(f, details);
      filter.hidden = false;
      const needle = facetNeedle.get(f) ?? '';
      if (needle) shownEntries = entries.filter(([v]) => valueLabel(f, v).toLowerCase().includes(needle));
      else if (!facetAll.has(f)) shownEntries = entries.slice(0, Math.max(SHORT, selected.size));
      toggle.hidden = Boolean(needle);
      toggle.textContent = facetAll.has(f) ? 'Show fewer' : `Show all ${entries.length}`;
      toggle.setAttribute('aria-expanded', String(facetAll.has(f)));
    } else {
      for (const c of details.querySelectorAll<HTMLElement>('[data-facet-filter], [data-facet-all]')) c.hidden = true;
    }
    const frag = document.createDocumentFragment();
    for (const [v, count] of shownEntries) {
      const label = el('label', count === 0 ? 'v zero' : 'v');
      const cb = el('input');
      cb.type = 'checkbox';
      cb.checked = selected.has(v);
      cb.dataset.facet = f;
      cb.value = v;
      label.append(cb, el('span', '', valueLabel(f, v)), el('span', 'c', String(count)));
      frag.append(label);
    }
    if (!shownEntries.length) frag.append(el('p', 'small muted', entries.length ? 'No value matches.' : 'None.'));
    box.replaceChildren(frag);
  }

  /** Rebuilds the value lists of open facets only; a closed one is filled when it is opened. */
  function renderFacets(facets: Record<Facet, Map<string, number>>) {
    lastFacets = facets;
    for (const f of FACETS) {
      const details = facetBoxes.get(f)!;
      details.dataset.stale = 'true';
      if (!details.open) continue;
      delete details.dataset.stale;
      renderFacet(f, facets);
    }
  }

  function setFilters(filters: Filters, mineOn = state.mine) {
    state = { ...state, filters, mine: mineOn };
    syncControls();
    commit(true);
    run();
  }

  /** The active filters as buttons that remove them, above the results. */
  function renderChips() {
    const frag = document.createDocumentFragment();
    const chip = (text: string, remove: () => void) => {
      const b = el('button', 'chip', text);
      b.type = 'button';
      b.setAttribute('aria-label', `Remove filter ${text}`);
      b.addEventListener('click', remove);
      frag.append(b);
    };
    for (const f of FACETS)
      for (const v of state.filters[f] ?? [])
        chip(`${facetLabel.get(f)}: ${valueLabel(f, v)}`, () => {
          const rest = (state.filters[f] ?? []).filter((x) => x !== v);
          const filters = { ...state.filters, [f]: rest };
          if (!rest.length) delete filters[f];
          setFilters(filters);
        });
    if (state.filters.since)
      chip(`Updated since ${state.filters.since}`, () => {
        const filters = { ...state.filters };
        delete filters.since;
        setFilters(filters);
      });
    if (state.mine) chip('Runnable with my data', () => setFilters(state.filters, false));
    if (frag.childNodes.length > 1) {
      const clear = el('button', 'link', 'Clear all filters');
      clear.type = 'button';
      clear.addEventListener('click', () => setFilters({}, false));
      frag.append(clear);
    }
    chipsEl.replaceChildren(frag);
    chipsEl.hidden = !chipsEl.childNodes.length;
  }

  /** A query with no hits says why and offers a way on: a spelling, near names, fewer filters. */
  function renderNoHit(res: SearchResult) {
    nohitEl.replaceChildren();
    nohitEl.hidden = hits.length > 0;
    if (hits.length) return;
    const e = engine!;
    // The search text may find what the index did not: search again once it is here.
    if (!e.hasText && !textFailed && state.q && !res.unknown.length) {
      nohitEl.append(el('p', 'nohit-title', 'Searching the detections’ SPL too…'));
      void loadText().catch(() => undefined);
      return;
    }
    nohitEl.append(el('p', 'nohit-title', 'No detections match.'));
    for (const u of res.unknown)
      nohitEl.append(
        el(
          'p',
          '',
          u.malformed ? `“${u.id}” is not an ATT&CK technique id.` : `No detection is mapped to technique ${u.id}.`,
        ),
      );
    const hasFilters = Object.keys(state.filters).length > 0 || state.mine;
    if (hasFilters) {
      const n = e.search(state.q).hits.length;
      const p = el(
        'p',
        '',
        n ? `${counted(n, 'detection')} ${n === 1 ? 'matches' : 'match'} without the filters. ` : '',
      );
      const b = el('button', 'link', 'Clear filters');
      b.type = 'button';
      b.addEventListener('click', () => setFilters({}, false));
      p.append(b);
      nohitEl.append(p);
    }
    if (!state.filters.status?.length && state.q) {
      const n = e.search(state.q, { ...state.filters, status: [...HIDDEN_STATUSES] }).hits.length;
      if (n) {
        const b = el('button', 'link', `Show ${counted(n, 'deprecated or removed detection')}`);
        b.type = 'button';
        b.addEventListener('click', () => setFilters({ ...state.filters, status: [...HIDDEN_STATUSES] }));
        const p = el('p');
        p.append(b);
        nohitEl.append(p);
      }
    }
    if (state.q && !res.unknown.length) {
      const sug = e.suggest(state.q);
      if (sug.corrected) {
        const p = el('p', '', 'Did you mean ');
        const b = el('button', 'link', sug.corrected);
        b.type = 'button';
        b.addEventListener('click', () => {
          state = { ...state, q: sug.corrected! };
          syncControls();
          commit(true);
          run();
        });
        p.append(b, '?');
        nohitEl.append(p);
      }
      if (sug.names.length) {
        nohitEl.append(el('p', '', 'Nearest names:'));
        const ul = el('ul');
        for (const i of sug.names) {
          const li = el('li');
          const a = el('a', '', e.data.docs.name[i]);
          a.href = e.resultHref(i, base);
          li.append(a);
          ul.append(li);
        }
        nohitEl.append(ul);
      }
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
    // A row of the list, not a banner above it: the list is rebuilt anyway, nothing moves.
    const best = renderBest();
    if (best) list.append(best);
    else if (state.q) loadPages();
    renderMore();
    renderFacets(res.facets);
    renderStories(res.stories);
    renderChips();
    if (res.needsText) {
      nohitEl.hidden = true;
      count.textContent = 'Loading the search text…';
      loadText().catch((e: Error) => (count.textContent = `The search text could not be loaded (${e.message}).`));
      return;
    }
    renderNoHit(res);
    const total = engine.total(state.filters.status);
    lastTiming = performance.now() - t0;
    count.textContent = !hits.length
      ? `No detections match (of ${total})`
      : state.q || Object.keys(state.filters).length || state.mine
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
    if (headerBox) headerBox.value = state.q;
    sortEl.value = state.sort;
    sinceEl.value = state.filters.since ?? '';
    mineEl.checked = state.mine;
    if (state.mine) mineBox.hidden = false;
  }

  async function start() {
    syncControls();
    // The page file is a fraction of the index and usually here first: the best-match row is
    // then part of the first results instead of pushing them down when it comes.
    if (state.q) loadPages();
    await load().catch((e: Error) => {
      count.textContent = `The search index could not be loaded (${e.message}). Browse the list pages instead.`;
      throw e;
    });
    // Parsing and indexing is one long task; the first search gets a task of its own.
    await new Promise((r) => setTimeout(r, 0));
    run();
  }

  let typingTimer = 0;
  input.addEventListener('input', () => {
    // Typing is when the search text's words start to count; a page opened from a link with a
    // query that has hits does not need them (see renderNoHit).
    void loadText().catch(() => undefined);
    state = { ...state, q: input.value };
    if (headerBox) headerBox.value = input.value;
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
  facetsEl.querySelector('[data-clear-filters]')!.addEventListener('click', () => setFilters({}, false));
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
  // (After the first frame: the index download must not compete with the first paint.)
  if (location.search) requestAnimationFrame(() => setTimeout(() => void start(), 0));
  else if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: 1500 });
  else setTimeout(() => void start(), 300);
}
