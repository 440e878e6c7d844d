import { fillTokens, normalizeApp, parseSplunkUrl, splunkHost, splunkSearchUrl } from '../domain/urls/splunk.ts';

/**
 * Rewrites every Try-in-Splunk link for the visitor's own Splunk Web (kept in localStorage),
 * names the host it opens, asks for an address inline when no Splunk is known, picks the
 * macro-expanded search when asked, and fills drilldown tokens typed on the page into every
 * drilldown's link, shown code and Copy.
 */
const KEY = 'catalog-splunk';

interface Prefs {
  /** Empty: no Splunk known. */
  base: string;
  locale: string | null;
  app: string;
  expand: boolean;
  filter: 'remove' | 'keep';
}

const settingsEl = document.querySelector<HTMLElement>('[data-splunk-settings]');
const siteBase = parseSplunkUrl(document.documentElement.dataset.splunkBase ?? '');
const defaults: Prefs = {
  base: siteBase?.base ?? '',
  locale: siteBase?.locale ?? null,
  app: document.documentElement.dataset.splunkApp || 'search',
  expand: false,
  filter: 'remove',
};

function load(): Prefs {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
    const parsed = typeof v.base === 'string' ? parseSplunkUrl(v.base) : null;
    return {
      base: parsed?.base ?? defaults.base,
      locale: parsed ? (typeof v.locale === 'string' ? v.locale : parsed.locale) : defaults.locale,
      app: typeof v.app === 'string' ? normalizeApp(v.app) : defaults.app,
      expand: v.expand === true,
      filter: v.filter === 'keep' ? 'keep' : 'remove',
    };
  } catch {
    return { ...defaults };
  }
}

function save(p: Prefs) {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage blocked: the choice applies to this page */
  }
}

/** Token values typed anywhere on the page: one value per token name. */
function tokenValues(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-token]')) {
    if (input.value.trim()) values[input.dataset.token!] = input.value;
  }
  return values;
}

const settingsPage = document.documentElement.dataset.splunkSettingsHref;

function rewrite(prefs: Prefs) {
  const values = tokenValues();
  const host = prefs.base ? splunkHost(prefs.base) : null;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-splunk-link]')) {
    const d = a.dataset;
    // A variant equal to the one before it is not written into the page (TryInSplunk.astro).
    const expanded = d.expanded ?? d.search;
    const search = prefs.expand ? (prefs.filter === 'keep' ? (d.expandedKeep ?? expanded) : expanded) : d.search;
    const filled = d.tokensFor !== undefined ? fillTokens(search ?? d.search ?? '', values) : (search ?? '');
    const at = a.querySelector('[data-splunk-at]');
    if (host) {
      a.href = splunkSearchUrl(
        { base: prefs.base, app: prefs.app, locale: prefs.locale },
        filled,
        d.earliest,
        d.latest,
      );
      a.target = '_blank';
      a.rel = 'noopener noreferrer external';
      delete d.splunkUnset;
      if (at) at.textContent = ` at ${host}`;
    } else {
      if (settingsPage) a.setAttribute('href', settingsPage);
      a.removeAttribute('target');
      a.removeAttribute('rel');
      d.splunkUnset = '';
      if (at) at.textContent = '…';
    }
  }
  fillShownCode(values);
}

// The code shown and its Copy follow the token values. A line holding a token is shown plain
// while it is filled (a highlighted token may span several elements) and restored when emptied.
const highlighted = new WeakMap<Element, string>();
function fillShownCode(values: Record<string, string>) {
  for (const box of document.querySelectorAll<HTMLElement>('[data-fill-tokens]')) {
    for (const line of box.querySelectorAll('pre .line')) {
      if (!highlighted.has(line)) {
        if (!/\$[^\s$]+\$/.test(line.textContent ?? '')) continue;
        highlighted.set(line, line.innerHTML);
      }
      const original = highlighted.get(line)!;
      const tpl = document.createElement('template');
      tpl.innerHTML = original;
      const text = tpl.content.textContent ?? '';
      const filled = fillTokens(text, values);
      if (filled === text) {
        if (line.innerHTML !== original) line.innerHTML = original;
      } else line.textContent = filled;
    }
    const copy = box.querySelector<HTMLButtonElement>('button[data-copy-text]');
    if (copy) {
      copy.dataset.copyTemplate ??= copy.dataset.copyText ?? '';
      copy.dataset.copyText = fillTokens(copy.dataset.copyTemplate, values);
    }
  }
}

let prefs = load();
rewrite(prefs);

document.addEventListener('input', (e) => {
  const t = e.target;
  if (!(t instanceof HTMLInputElement) || t.dataset.token === undefined) return;
  // One value per token: a token asked for in two places is the same value in both.
  for (const other of document.querySelectorAll<HTMLInputElement>('input[data-token]')) {
    if (other !== t && other.dataset.token === t.dataset.token) other.value = t.value;
  }
  rewrite(prefs);
});
for (const group of document.querySelectorAll<HTMLElement>('[data-token-group]')) group.hidden = false;

/** Reads the settings form's address: the parsed URL, or null when it is not http(s). */
function readBase(raw: string) {
  return raw.trim() ? parseSplunkUrl(raw) : null;
}

// No Splunk known: the link asks for the address right where the visitor clicked.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-splunk-link]');
  if (!a || a.dataset.splunkUnset === undefined) return;
  e.preventDefault();
  const next = a.nextElementSibling;
  if (next instanceof HTMLFormElement && next.matches('[data-splunk-ask]')) {
    next.querySelector('input')?.focus();
    return;
  }
  a.after(askForm(a));
  a.setAttribute('aria-expanded', 'true');
});

function askForm(link: HTMLAnchorElement): HTMLFormElement {
  const form = document.createElement('form');
  form.className = 'splunk-ask no-print';
  form.dataset.splunkAsk = '';
  form.noValidate = true;
  const id = `splunk-ask-${Math.random().toString(36).slice(2, 8)}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'Your Splunk Web address';
  const input = document.createElement('input');
  input.id = id;
  input.type = 'url';
  input.name = 'base';
  input.inputMode = 'url';
  input.setAttribute('autocomplete', 'url');
  input.spellcheck = false;
  input.placeholder = 'https://splunk.example.com:8000';
  input.setAttribute('aria-describedby', `${id}-help`);
  const help = document.createElement('p');
  help.id = `${id}-help`;
  help.className = 'small muted';
  help.textContent = 'Paste the address of any Splunk Web page. It is kept in this browser only.';
  const error = document.createElement('p');
  error.className = 'small error';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  error.textContent = 'Only http:// or https:// addresses are accepted.';
  const buttons = document.createElement('div');
  buttons.className = 'cluster';
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = 'Save and open';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  buttons.append(submit, cancel);
  form.append(label, input, help, error, buttons);
  cancel.addEventListener('click', () => {
    form.remove();
    link.removeAttribute('aria-expanded');
    link.focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const parsed = readBase(input.value);
    error.hidden = parsed !== null;
    if (!parsed) {
      input.focus();
      return;
    }
    prefs = { ...prefs, base: parsed.base, locale: parsed.locale, app: parsed.app ?? prefs.app };
    save(prefs);
    rewrite(prefs);
    fillSettings?.();
    form.remove();
    link.removeAttribute('aria-expanded');
    link.focus();
    window.open(link.href, '_blank', 'noopener,noreferrer');
  });
  queueMicrotask(() => input.focus());
  return form;
}

let fillSettings: (() => void) | undefined;

if (settingsEl) {
  settingsEl.hidden = false;
  const form = settingsEl.querySelector('form')!;
  const error = settingsEl.querySelector<HTMLElement>('[data-error]')!;
  const status = settingsEl.querySelector<HTMLElement>('[data-status]')!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="filter"]')];
  // The filter choice only applies to expanded searches.
  const syncRadios = () => radios.forEach((r) => (r.disabled = !field('expand').checked));
  field('expand').addEventListener('change', syncRadios);
  fillSettings = () => {
    const custom = prefs.base && prefs.base !== defaults.base;
    field('base').value = custom ? prefs.base + (prefs.locale ? `/${prefs.locale}` : '') : '';
    field('app').value = prefs.app === defaults.app ? '' : prefs.app;
    field('expand').checked = prefs.expand;
    for (const r of radios) r.checked = r.value === prefs.filter;
    syncRadios();
  };
  fillSettings();
  const describe = () => {
    const host = prefs.base ? splunkHost(prefs.base) : null;
    return host ? `links now open ${host}` : 'no Splunk is set: links will ask for one';
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const rawBase = field('base').value.trim();
    const parsed = rawBase ? readBase(rawBase) : null;
    error.hidden = !rawBase || parsed !== null;
    if (rawBase && !parsed) return;
    const rawApp = field('app').value.trim();
    prefs = {
      base: parsed?.base ?? defaults.base,
      locale: parsed ? parsed.locale : defaults.locale,
      app: rawApp ? normalizeApp(rawApp) : (parsed?.app ?? defaults.app),
      expand: field('expand').checked,
      filter: radios.find((r) => r.checked)?.value === 'keep' ? 'keep' : 'remove',
    };
    save(prefs);
    rewrite(prefs);
    fillSettings?.();
    status.textContent = `Saved: ${describe()}.`;
  });
  settingsEl.querySelector('[data-reset]')!.addEventListener('click', () => {
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    prefs = { ...defaults };
    fillSettings?.();
    error.hidden = true;
    rewrite(prefs);
    status.textContent = `Reset: ${describe()}.`;
  });
}
