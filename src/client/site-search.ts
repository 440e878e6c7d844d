import type { SiteIds, SiteIndex, SiteSearch, SiteWire } from '../domain/search/site.ts';
import type { SearchEngine } from '../domain/search/engine.ts';
import { exploreCount } from '../domain/search/count.ts';
import type { SearchData } from '../domain/search/records.ts';
import type { SearchText } from '../domain/search/text.ts';

/**
 * The header's instant search, a WAI-ARIA combobox with a grouped listbox. Loads in steps, so a
 * page carries only this small script and a focus without typing costs one small file: on first
 * focus the matcher and the page index (names, no detection id); on the first typed character
 * the detection ids; then, after a pause in typing, the explore page's own index, which counts
 * the "See all N detections" option exactly as explore will. Without JavaScript the form submits
 * to the explore page. Content is only ever inserted with textContent.
 */
const form = document.querySelector<HTMLFormElement>('[data-site-search]');
if (form) init(form);

const MAX_QUERY = 200;
/** The count waits for typing to pause: it runs the full explore search, the list does not wait for it. */
const COUNT_DELAY = 150;

function init(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('[data-search-input]')!;
  const list = form.querySelector<HTMLElement>('[data-site-results]')!;
  const base = form.dataset.base ?? '/';
  let search: SiteSearch | null = null;
  let lib: typeof import('../domain/search/site.ts') | null = null;
  let wire: SiteWire | null = null;
  let ids: SiteIds | null = null;
  const idsWaiters: (() => void)[] = [];
  let loading = false;
  let idsLoading = false;
  let options: HTMLElement[] = [];
  let active = -1;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  const fetchJson = <T>(url: string) =>
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<T>;
    });

  function rebuild() {
    if (!wire || !lib) return;
    // For tests and styles: which parts are searchable.
    form.dataset.siteReady = ids ? 'all' : 'pages';
    const index: SiteIndex = lib.decodeSiteIndex(wire, ids);
    if (!search?.withPaths(index)) search = new lib.SiteSearch(index);
    if (ids) for (const w of idsWaiters.splice(0)) w();
    // Only a list still open shows what arrived: one closed with Esc stays closed.
    if (document.activeElement === input && input.value.trim() && !list.hidden) render();
  }

  function load() {
    if (loading) return;
    loading = true;
    Promise.all([import('../domain/search/site.ts'), fetchJson<SiteWire>(form.dataset.siteIndex!)])
      .then(([m, w]) => {
        lib = m;
        wire = w;
        rebuild();
      })
      .catch(() => {
        loading = false;
      });
  }

  function loadIds() {
    if (idsLoading) return;
    idsLoading = true;
    fetchJson<SiteIds>(form.dataset.siteDetections!)
      .then((x) => {
        ids = x;
        rebuild();
      })
      .catch(() => {
        idsLoading = false;
      });
  }

  // The count: explore's engine over explore's index, and the search text only where explore
  // itself would use it (an `spl:` query, or one that finds nothing without it).
  let engine: SearchEngine | null = null;
  let textEngine: SearchEngine | null = null;
  let engineLoading = false;
  let textLoading = false;
  let countTimer = 0;
  let counted = '';

  function loadEngine() {
    if (engineLoading) return;
    engineLoading = true;
    Promise.all([import('../domain/search/engine.ts'), fetchJson<SearchData>(form.dataset.exploreIndex!)])
      .then(([m, data]) => {
        engine = new m.SearchEngine(data);
        scheduleCount();
      })
      .catch(() => {
        engineLoading = false;
      });
  }

  function loadText() {
    if (textLoading || !engine) return;
    textLoading = true;
    const e = engine;
    Promise.all([import('../domain/search/engine.ts'), fetchJson<SearchText>(form.dataset.exploreText!)])
      .then(([m, text]) => {
        const te = new m.SearchEngine(e.data);
        if (te.attachText(text)) textEngine = te;
        scheduleCount();
      })
      .catch(() => undefined);
  }

  function scheduleCount() {
    clearTimeout(countTimer);
    countTimer = window.setTimeout(updateCount, COUNT_DELAY);
  }

  function updateCount() {
    const all = list.querySelector<HTMLElement>('.opt-all');
    const q = query();
    if (!all || !q || list.hidden) return;
    if (!engine) return loadEngine();
    const t0 = performance.now();
    const n = exploreCount(engine, textEngine, q);
    if (n === null) return loadText();
    form.dataset.countMs = (performance.now() - t0).toFixed(2);
    const name = all.querySelector('.opt-name')!;
    name.textContent =
      n === 0
        ? `No detection matches “${q}”: see suggestions in Explore`
        : n === 1
          ? 'See the 1 detection in Explore'
          : `See all ${n} detections in Explore`;
    all.dataset.count = String(n);
    counted = q;
  }

  const query = () => input.value.trim().slice(0, MAX_QUERY);

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(k: number) {
    if (active >= 0) options[active]?.setAttribute('aria-selected', 'false');
    active = k;
    if (k < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const o = options[k];
    o.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', o.id);
    o.scrollIntoView({ block: 'nearest' });
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** `href` is "" for a detection whose id has not arrived yet: choosing it waits for the ids. */
  function option(id: string, href: string, kind: string, name: string, context: string, item = -1) {
    const o = el('li', 'opt');
    o.id = id;
    o.setAttribute('role', 'option');
    o.setAttribute('aria-selected', 'false');
    if (href) o.dataset.href = href;
    else o.dataset.item = String(item);
    o.append(el('span', 'opt-name', name), el('span', 'opt-kind', kind));
    if (context) o.append(el('span', 'opt-ctx', context));
    options.push(o);
    return o;
  }

  function render() {
    const q = query();
    options = [];
    active = -1;
    list.replaceChildren();
    if (!q) return close();
    const frag = document.createDocumentFragment();
    if (!search || !lib) {
      frag.append(el('li', 'opt-note', 'Loading the search index…'));
    } else {
      const res = search.search(q);
      res.groups.forEach((g, gi) => {
        const group = el('li');
        group.setAttribute('role', 'presentation');
        const names = lib!.SITE_KIND_LABEL[g.kind];
        const label = el('div', 'opt-group', names[1]);
        label.id = `site-search-g${gi}`;
        label.setAttribute('aria-hidden', 'true');
        const ul = el('ul');
        ul.setAttribute('role', 'group');
        ul.setAttribute('aria-labelledby', label.id);
        for (const h of g.hits)
          ul.append(
            option(`site-search-o${options.length}`, h.path && base + h.path, names[0], h.name, h.context, h.item),
          );
        group.append(label, ul);
        frag.append(group);
      });
      if (!res.groups.length) frag.append(el('li', 'opt-note', 'No page has that name.'));
    }
    const all = option(
      `site-search-o${options.length}`,
      `${base}explore/?q=${encodeURIComponent(q)}`,
      'Explore',
      `See all detections for “${q}” in Explore`,
      '',
    );
    all.classList.add('opt-all');
    frag.append(all);
    list.append(frag);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (counted !== q) delete form.dataset.countMs;
    scheduleCount();
  }

  function choose(o: HTMLElement) {
    if (o.dataset.href) return location.assign(o.dataset.href);
    // A detection listed before its id arrived: go once the ids are here.
    const item = Number(o.dataset.item);
    loadIds();
    idsWaiters.push(() => {
      const path = search?.index.items[item]?.[2];
      if (path) location.assign(base + path);
    });
  }

  input.addEventListener('focus', load);
  input.addEventListener('input', () => {
    load();
    loadIds();
    render();
  });
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) {
        if (input.value.trim()) render();
        return;
      }
      e.preventDefault();
      if (!options.length) return;
      const n = options.length;
      setActive(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter') {
      if (open && active >= 0) {
        e.preventDefault();
        choose(options[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        close();
      } else input.value = '';
    }
  });
  list.addEventListener('mousedown', (e) => e.preventDefault());
  list.addEventListener('click', (e) => {
    const o = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (o) choose(o);
  });
  input.addEventListener('blur', close);
}
