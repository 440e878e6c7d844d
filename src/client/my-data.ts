import type { MyData } from '../domain/coverage/data.ts';
import { coverageCounts, RUNNABLE } from '../domain/coverage/rule.ts';
import { rankOnboarding } from '../domain/coverage/onboard.ts';
import { itemLabel, matchPaste, parsePaste } from '../domain/coverage/paste.ts';
import {
  makeProfile,
  MAX_PROFILE_CHARS,
  parseProfile,
  parseSourcesParam,
  sourcesQuery,
} from '../domain/coverage/profile.ts';
import { coverageLayer, detectionsFromCsv, runnableCsv } from '../domain/coverage/exports.ts';
import { href, paths } from '../domain/urls/index.ts';
import { counted } from '../lib/text/plural.ts';
import { coverage, loadMyData, type Coverage } from './my-data-load.ts';
import { clearProfile, saveProfile, storedProfile } from './my-data-store.ts';
import { el } from './dom.ts';

/**
 * The My data page: the profile (picked, pasted or by add-on), kept in localStorage, shared as
 * a link, exported and imported as JSON; its coverage, what to onboard next and the downloads.
 * Content is only ever inserted with textContent.
 */
const root = document.querySelector<HTMLElement>('[data-my-data]');
if (root) void init(root);

const ONBOARD_SHOWN = 15;
const TECHNIQUES_SHOWN = 12;

function download(name: string, body: string, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([body], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function init(root: HTMLElement) {
  const $ = <T extends HTMLElement>(s: string) => root.querySelector<T>(s)!;
  const summary = $('[data-md-summary]');
  const message = $('[data-md-message]');
  const say = (text: string) => (message.textContent = text);
  let data: MyData;
  try {
    data = await loadMyData();
  } catch (e) {
    const p = $('[data-md-panel]');
    p.hidden = false;
    summary.textContent = `The data sources could not be loaded (${(e as Error).message}).`;
    return;
  }
  for (const p of root.querySelectorAll<HTMLElement>('[data-md-panel]')) p.hidden = false;
  const names = data.sources.name;
  const known = new Set(data.sources.id);
  let ids = new Set((storedProfile()?.sources ?? []).filter((id) => known.has(id)));
  let cov: Coverage = coverage(data, [...ids]);

  function set(next: Iterable<string>, note = '') {
    ids = new Set([...next].filter((id) => known.has(id)));
    if (ids.size) saveProfile(ids);
    else clearProfile();
    say(note);
    render();
  }

  /** Asks before a link or a file replaces a different, non-empty profile. */
  function replaceWith(next: string[], from: string, dropped: number) {
    const same = next.length === ids.size && next.every((id) => ids.has(id));
    if (same) return say(`Your profile already holds the ${from}'s data sources.`);
    const ok =
      ids.size === 0 ||
      window.confirm(
        `Replace your data profile (${counted(ids.size, 'data source')}) with the one in this ${from} (${counted(next.length, 'data source')})?`,
      );
    if (!ok) return say(`Kept your profile; the ${from} was not applied.`);
    set(next, `Profile set from the ${from}${dropped ? ` (${counted(dropped, 'unknown id')} left out)` : ''}.`);
  }

  // Pick list, grouped by vendor or product, sorted by name inside each group.
  const groupsEl = $('[data-md-groups]');
  const boxes: HTMLInputElement[] = [];
  const order = names.map((_, i) => i).sort((a, b) => names[a].localeCompare(names[b]));
  const groupOrder = data.groups.map((_, g) => g).sort((a, b) => data.groups[a].localeCompare(data.groups[b]));
  for (const g of groupOrder) {
    const members = order.filter((i) => data.sources.group[i] === g);
    const details = el('details');
    details.dataset.group = data.groups[g];
    details.append(el('summary', '', `${data.groups[g]} (${members.length})`));
    for (const i of members) {
      const label = el('label', 'src');
      const cb = el('input');
      cb.type = 'checkbox';
      cb.value = data.sources.id[i];
      cb.dataset.name = names[i].toLowerCase();
      label.append(cb, el('span', '', names[i]), el('span', 'n', String(data.sources.n[i])));
      label.title = `${counted(data.sources.n[i], 'detection')} name it`;
      boxes[i] = cb;
      details.append(label);
    }
    groupsEl.append(details);
  }
  groupsEl.addEventListener('change', (e) => {
    const cb = e.target as HTMLInputElement;
    const next = new Set(ids);
    if (cb.checked) next.add(cb.value);
    else next.delete(cb.value);
    set(next);
  });
  const filter = $<HTMLInputElement>('[data-md-filter]');
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const details of groupsEl.querySelectorAll<HTMLDetailsElement>('details')) {
      let any = false;
      const groupHit = details.dataset.group!.toLowerCase().includes(q);
      for (const label of details.querySelectorAll<HTMLElement>('label')) {
        const hit = !q || groupHit || label.querySelector('input')!.dataset.name!.includes(q);
        label.hidden = !hit;
        any ||= hit;
      }
      details.hidden = !any;
      details.open = !!q && any;
    }
  });

  // Add-ons: checked when the profile holds every data source the add-on supports.
  const tasEl = $('[data-md-tas]');
  const taSources = data.tas.map((_, t) => data.sources.id.filter((_, i) => data.sources.tas[i].includes(t)));
  const taBoxes = data.tas
    .map((name, t) => ({ name, t }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, t }) => {
      const label = el('label', 'src');
      const cb = el('input');
      cb.type = 'checkbox';
      cb.dataset.ta = String(t);
      label.append(cb, el('span', '', name), el('span', 'n', counted(taSources[t].length, 'data source')));
      tasEl.append(label);
      return cb;
    });
  tasEl.addEventListener('change', (e) => {
    const cb = e.target as HTMLInputElement;
    const next = new Set(ids);
    for (const id of taSources[Number(cb.dataset.ta)]) {
      if (cb.checked) next.add(id);
      else next.delete(id);
    }
    set(next);
  });

  // Paste: what matched, what did not, and the lines that held nothing.
  const pasteEl = $<HTMLTextAreaElement>('[data-md-paste]');
  const pasteResult = $('[data-md-paste-result]');
  const addMatched = $<HTMLButtonElement>('[data-md-add-matched]');
  let matchedIds: string[] = [];
  $('[data-md-map]').addEventListener('click', () => {
    const parsed = parsePaste(pasteEl.value);
    const { matched, unmatched } = matchPaste(data, parsed.items);
    matchedIds = [...new Set(matched.flatMap((m) => m.sources.map((i) => data.sources.id[i])))];
    pasteResult.replaceChildren();
    const list = (title: string, items: HTMLElement[], attr: string) => {
      if (!items.length) return;
      const ul = el('ul');
      ul.setAttribute(attr, '');
      ul.append(...items);
      pasteResult.append(el('h3', '', title), ul);
    };
    list(
      `Matched (${matched.length})`,
      matched.map((m) => {
        const li = el('li');
        li.append(el('code', '', itemLabel(m.item)), ` → ${m.sources.map((i) => names[i]).join(', ')}`);
        return li;
      }),
      'data-md-matched',
    );
    list(
      `Not matched (${unmatched.length})`,
      unmatched.map((u) => el('li', '', itemLabel(u))),
      'data-md-unmatched',
    );
    if (parsed.ignored.length)
      pasteResult.append(
        el('p', 'small muted', `${counted(parsed.ignored.length, 'line')} ignored (not a sourcetype).`),
      );
    if (!parsed.items.length) pasteResult.append(el('p', '', 'No sourcetypes found in the text.'));
    addMatched.hidden = matchedIds.length === 0;
    addMatched.textContent = `Add the ${counted(matchedIds.length, 'matched data source')}`;
  });
  addMatched.addEventListener('click', () => {
    const before = ids.size;
    set([...ids, ...matchedIds]);
    say(`Added ${counted(ids.size - before, 'data source')} from the paste.`);
  });

  // Profile actions.
  const base = root.dataset.base ?? '/';
  $('[data-md-share]').addEventListener('click', async (e) => {
    const b = e.currentTarget as HTMLButtonElement;
    const url = new URL(`${href('my-data/')}?${sourcesQuery([...ids].sort())}`, location.href).href;
    try {
      await navigator.clipboard.writeText(url);
      say('Link copied.');
    } catch {
      say(url);
    }
    b.blur();
  });
  $('[data-md-export]').addEventListener('click', () => {
    const p = makeProfile(ids);
    const named = { ...p, names: p.sources.map((id) => names[data.sources.id.indexOf(id)]) };
    download('my-data.json', JSON.stringify(named, null, 1), 'application/json');
  });
  $<HTMLInputElement>('[data-md-import]').addEventListener('change', async (e) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const parsed = file.size <= MAX_PROFILE_CHARS ? parseProfile(await file.text(), known) : null;
    if (!parsed) return say('That file is not a My data profile (exported from this page).');
    replaceWith(parsed.profile.sources, 'file', parsed.dropped);
  });
  $('[data-md-clear]').addEventListener('click', () => set([], 'Profile cleared.'));

  const runnable = (id: string) => {
    const d = cov.detection(id);
    return d >= 0 && cov.states[d] === RUNNABLE;
  };
  async function apiCsv(b: HTMLButtonElement, make: (text: string) => void) {
    const label = b.textContent;
    b.disabled = true;
    b.textContent = 'Preparing…';
    try {
      const r = await fetch(`${base}api/detections.csv`);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      make(await r.text());
    } catch (err) {
      say(`Download failed (${(err as Error).message}).`);
    } finally {
      b.disabled = false;
      b.textContent = label;
    }
  }
  $<HTMLButtonElement>('[data-md-csv]').addEventListener('click', (e) =>
    apiCsv(e.currentTarget as HTMLButtonElement, (text) =>
      download('my-runnable-detections.csv', runnableCsv(text, runnable), 'text/csv'),
    ),
  );
  $<HTMLButtonElement>('[data-md-layer]').addEventListener('click', (e) =>
    apiCsv(e.currentTarget as HTMLButtonElement, (text) => {
      const layer = coverageLayer(detectionsFromCsv(text), runnable, {
        name: 'My data: runnable detections',
        description: `Score = detections runnable with my ${counted(ids.size, 'data source')}; techniques the catalog covers without a runnable detection are in the second colour.`,
        attackVersion: data.attack,
        techniqueUrl: (id) => new URL(href(paths.technique(id)), location.href).href,
      });
      download('my-data-layer.json', JSON.stringify(layer, null, 1), 'application/json');
    }),
  );

  // Onboarding: one click adds the data source.
  const onboardEl = $('[data-md-onboard]');
  onboardEl.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-add]');
    if (b) set([...ids, data.sources.id[Number(b.dataset.add)]], `Added ${names[Number(b.dataset.add)]}.`);
  });
  const chosenEl = $('[data-md-chosen]');
  chosenEl.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-remove]');
    if (!b) return;
    const next = new Set(ids);
    next.delete(b.dataset.remove!);
    set(next);
  });

  function render() {
    cov = coverage(data, [...ids]);
    const c = coverageCounts(data, cov.states);
    const total = data.detections.id.length;
    const prodTotal = c.production.runnable + c.production.notRunnable + c.production.unknown;
    summary.textContent = ids.size
      ? `${counted(ids.size, 'data source')}. Runnable: ${c.runnable} of ${total} detections (${c.production.runnable} of ${prodTotal} in production); ${c.notRunnable} not runnable; ${c.unknown} name no data source (unknown).`
      : 'No profile yet: pick your data sources, paste your sourcetypes or pick your add-ons below.';
    root.dataset.runnable = String(c.runnable);
    $('[data-md-links]').hidden = ids.size === 0;
    boxes.forEach((cb, i) => (cb.checked = ids.has(data.sources.id[i])));
    taBoxes.forEach((cb) => {
      const s = taSources[Number(cb.dataset.ta)];
      cb.checked = s.length > 0 && s.every((id) => ids.has(id));
    });
    chosenEl.replaceChildren(
      ...cov.sources
        .map((i) => names[i])
        .sort((a, b) => a.localeCompare(b))
        .map((n) => {
          const li = el('li', '', n);
          const x = el('button', 'link', '×');
          x.type = 'button';
          x.dataset.remove = data.sources.id[names.indexOf(n)];
          x.setAttribute('aria-label', `Remove ${n}`);
          li.append(' ', x);
          return li;
        }),
    );
    const ranked = rankOnboarding(data, cov.have, cov.states).slice(0, ONBOARD_SHOWN);
    onboardEl.replaceChildren(
      ...ranked.map((r) => {
        const li = el('li');
        li.dataset.onboard = data.sources.id[r.source];
        li.append(el('strong', '', names[r.source]), ` makes ${counted(r.gain, 'more production detection')} runnable`);
        const add = el('button', '', 'Add');
        add.type = 'button';
        add.dataset.add = String(r.source);
        add.setAttribute('aria-label', `Add ${names[r.source]}`);
        li.append(add);
        if (r.techniques.length)
          li.append(
            el(
              'span',
              't',
              `Newly covers ${r.techniques.slice(0, TECHNIQUES_SHOWN).join(', ')}${r.techniques.length > TECHNIQUES_SHOWN ? ` and ${r.techniques.length - TECHNIQUES_SHOWN} more` : ''}`,
            ),
          );
        return li;
      }),
    );
    if (!ranked.length)
      onboardEl.append(
        el('li', 'muted', 'Nothing: no single data source would make another production detection runnable.'),
      );
  }

  const param = new URLSearchParams(location.search).get('sources');
  if (param !== null) {
    const parsed = parseSourcesParam(param, known);
    // The link is applied once; a reload should not ask again.
    history.replaceState(null, '', location.pathname);
    if (!parsed) say('The link’s list of data sources is malformed; your profile is unchanged.');
    else replaceWith(parsed.ids, 'link', parsed.dropped);
  }
  render();
}
