import { fillTokens, normalizeApp, normalizeSplunkBase, splunkSearchUrl } from '../domain/urls/splunk.ts';

/**
 * Rewrites every Try-in-Splunk link for the visitor's own Splunk Web (kept in localStorage),
 * picks the macro-expanded search when asked, and fills drilldown tokens typed on the page.
 */
const KEY = 'catalog-splunk';

interface Prefs {
  base: string;
  app: string;
  expand: boolean;
  filter: 'remove' | 'keep';
}

const settingsEl = document.querySelector<HTMLElement>('[data-splunk-settings]');
const defaults: Prefs = {
  base: settingsEl?.dataset.defaultBase ?? 'http://localhost:8000',
  app: settingsEl?.dataset.defaultApp ?? 'search',
  expand: false,
  filter: 'remove',
};

function load(): Prefs {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
    return {
      base: (typeof v.base === 'string' && normalizeSplunkBase(v.base)) || defaults.base,
      app: typeof v.app === 'string' ? normalizeApp(v.app) : defaults.app,
      expand: v.expand === true,
      filter: v.filter === 'keep' ? 'keep' : 'remove',
    };
  } catch {
    return { ...defaults };
  }
}

function tokenValues(group: string | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  if (!group) return values;
  for (const input of document.querySelectorAll<HTMLInputElement>(
    `[data-token-group="${CSS.escape(group)}"] input[data-token]`,
  )) {
    values[input.dataset.token!] = input.value;
  }
  return values;
}

function rewrite(prefs: Prefs) {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-splunk-link]')) {
    const d = a.dataset;
    const search = prefs.expand ? (prefs.filter === 'keep' ? d.expandedKeep : d.expanded) : d.search;
    const filled = fillTokens(search ?? d.search ?? '', tokenValues(d.tokensFor));
    a.href = splunkSearchUrl({ base: prefs.base, app: prefs.app }, filled, d.earliest, d.latest);
  }
}

let prefs = load();
rewrite(prefs);

document.addEventListener('input', (e) => {
  const t = e.target as HTMLElement;
  if (t instanceof HTMLInputElement && t.dataset.token !== undefined) rewrite(prefs);
});
for (const group of document.querySelectorAll<HTMLElement>('[data-token-group]')) group.hidden = false;

if (settingsEl) {
  settingsEl.hidden = false;
  const form = settingsEl.querySelector('form')!;
  const error = settingsEl.querySelector<HTMLElement>('[data-error]')!;
  const status = settingsEl.querySelector<HTMLElement>('[data-status]')!;
  const fill = () => {
    (form.elements.namedItem('base') as HTMLInputElement).value = prefs.base === defaults.base ? '' : prefs.base;
    (form.elements.namedItem('app') as HTMLInputElement).value = prefs.app === defaults.app ? '' : prefs.app;
    (form.elements.namedItem('expand') as HTMLInputElement).checked = prefs.expand;
    for (const r of form.querySelectorAll<HTMLInputElement>('input[name="filter"]'))
      r.checked = r.value === prefs.filter;
  };
  fill();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const rawBase = (form.elements.namedItem('base') as HTMLInputElement).value.trim();
    const base = rawBase ? normalizeSplunkBase(rawBase) : defaults.base;
    error.hidden = base !== null;
    if (!base) return;
    const rawApp = (form.elements.namedItem('app') as HTMLInputElement).value.trim();
    prefs = {
      base,
      app: rawApp ? normalizeApp(rawApp) : defaults.app,
      expand: (form.elements.namedItem('expand') as HTMLInputElement).checked,
      filter:
        form.querySelector<HTMLInputElement>('input[name="filter"]:checked')?.value === 'keep' ? 'keep' : 'remove',
    };
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      /* storage blocked: the choice applies to this page */
    }
    rewrite(prefs);
    status.textContent = 'Saved: links now open ' + prefs.base;
  });
  settingsEl.querySelector('[data-reset]')!.addEventListener('click', () => {
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    prefs = { ...defaults };
    fill();
    error.hidden = true;
    rewrite(prefs);
    status.textContent = 'Reset to ' + prefs.base;
  });
}
