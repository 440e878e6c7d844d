import type { SiteIndex, SiteSearch } from '../domain/search/site.ts';

/**
 * The header's instant search, a WAI-ARIA combobox with a grouped listbox. The indexes load on
 * the box's first focus (pages first, detections beside them), with the matcher itself, so
 * every page carries only this small script; without JavaScript the form
 * submits to the explore page. Content is only ever inserted with textContent.
 */
const form = document.querySelector<HTMLFormElement>('[data-site-search]');
if (form) init(form);

const MAX_QUERY = 200;

function init(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('[data-search-input]')!;
  const list = form.querySelector<HTMLElement>('[data-site-results]')!;
  const base = form.dataset.base ?? '/';
  let search: SiteSearch | null = null;
  let lib: typeof import('../domain/search/site.ts') | null = null;
  let pages: SiteIndex | null = null;
  let detections: SiteIndex | null = null;
  let loading = false;
  let options: HTMLElement[] = [];
  let active = -1;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  const fetchIndex = (url: string) =>
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<SiteIndex>;
    });

  function rebuild() {
    if (!pages || !lib) return;
    // For tests and styles: which parts are searchable.
    form.dataset.siteReady = detections ? 'all' : 'pages';
    search = new lib.SiteSearch({ ...pages, items: [...(detections?.items ?? []), ...pages.items] });
    if (document.activeElement === input && input.value.trim()) render();
  }

  function load() {
    if (loading) return;
    loading = true;
    import('../domain/search/site.ts')
      .then((m) => {
        lib = m;
        rebuild();
      })
      .catch(() => {
        loading = false;
      });
    fetchIndex(form.dataset.siteIndex!)
      .then((ix) => {
        pages = ix;
        rebuild();
      })
      .catch(() => {
        loading = false;
      });
    fetchIndex(form.dataset.siteDetections!)
      .then((ix) => {
        detections = ix;
        rebuild();
      })
      .catch(() => undefined);
  }

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

  function option(id: string, href: string, kind: string, name: string, context: string) {
    const o = el('li', 'opt');
    o.id = id;
    o.setAttribute('role', 'option');
    o.setAttribute('aria-selected', 'false');
    o.dataset.href = href;
    o.append(el('span', 'opt-name', name), el('span', 'opt-kind', kind));
    if (context) o.append(el('span', 'opt-ctx', context));
    options.push(o);
    return o;
  }

  function render() {
    const q = input.value.trim().slice(0, MAX_QUERY);
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
          ul.append(option(`site-search-o${options.length}`, base + h.path, names[0], h.name, h.context));
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
  }

  input.addEventListener('focus', load);
  input.addEventListener('input', render);
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
        location.assign(options[active].dataset.href!);
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
    if (o?.dataset.href) location.assign(o.dataset.href);
  });
  input.addEventListener('blur', close);
}
