import { heatLevel } from '../domain/attack/heat.ts';
import { neededEntries } from '../domain/coverage/onboard.ts';
import { RUNNABLE, UNKNOWN, satisfiedEntry, techniqueCoverage } from '../domain/coverage/rule.ts';
import { href } from '../domain/urls/index.ts';
import { counted } from '../lib/text/plural.ts';
import { coverage, loadMyData, type Coverage } from './my-data-load.ts';
import { storedProfile } from './my-data-store.ts';
import { el } from './dom.ts';
import { subsReady } from './matrix-subs.ts';

/**
 * Fills the page's `[data-mine]` places with coverage from the visitor's data profile: the
 * detection page's "you have the data", a story's "runnable N of M", technique and tactic
 * counts beside the catalog's, and the matrix with `?mine=1`. Loaded only when a profile
 * exists (src/client/my-data-hook.ts). Text only, through textContent.
 */
const NEEDED_SHOWN = 5;

function link(text: string, path: string) {
  const a = el('a', '', text);
  a.href = href(path);
  return a;
}

function entryText(cov: Coverage, entry: readonly number[]): string {
  return entry
    .map((i) => (i < 0 ? 'a data source this catalog does not define' : cov.data.sources.name[i]))
    .join(' AND ');
}

function detection(note: HTMLElement, cov: Coverage) {
  const id = note.closest<HTMLElement>('[data-detection-id]')?.dataset.detectionId;
  const d = id ? cov.detection(id) : -1;
  if (d < 0) return;
  const entries = cov.data.detections.entries[d];
  const state = cov.states[d];
  if (state === RUNNABLE) {
    note.append(el('span', 'mine-yes', `You have the data (${entryText(cov, satisfiedEntry(entries, cov.have)!)})`));
  } else if (state === UNKNOWN) {
    note.append(el('span', 'mine-no', 'Names no data source: your profile cannot tell'));
  } else {
    note.append(el('span', 'mine-no', `Needs one of: ${entries.map((e) => entryText(cov, e)).join('; ')}`));
  }
  note.append(link('My data', 'my-data/'));
}

function story(note: HTMLElement, cov: Coverage) {
  const s = cov.data.stories.indexOf(note.dataset.slug ?? '');
  if (s < 0) return;
  const members = cov.data.detections.stories.flatMap((ss, d) => (ss.includes(s) ? [d] : []));
  const runnable = members.filter((d) => cov.states[d] === RUNNABLE).length;
  note.append(el('span', runnable ? 'mine-yes' : 'mine-no', `Runnable with my data: ${runnable} of ${members.length}`));
  const need = neededEntries(cov.data, cov.have, cov.states, members).slice(0, NEEDED_SHOWN);
  if (need.length) {
    const p = el(
      'p',
      '',
      `${runnable ? 'To run more of this story' : 'To run this story'} you need one of: ${need
        .map((e) => `${entryText(cov, e.parts)} (${counted(e.gain, 'detection')})`)
        .join('; ')}`,
    );
    note.append(p);
  }
  note.append(link('My data', 'my-data/'));
}

function technique(note: HTMLElement, cov: Coverage) {
  const [mine, all] = techniqueCoverage(cov.data, cov.states).get(note.dataset.tid ?? '') ?? [0, 0];
  note.append(
    el('span', mine ? 'mine-yes' : 'mine-no', `With my data: ${mine} of ${counted(all, 'detection')} runnable`),
  );
  note.append(link('My data', 'my-data/'));
}

function tactic(note: HTMLElement, cov: Coverage) {
  const tids = (note.dataset.tids ?? '').split(' ').filter(Boolean);
  const byTech = techniqueCoverage(cov.data, cov.states);
  const catalog = tids.filter((t) => (byTech.get(t)?.[1] ?? 0) > 0).length;
  const mine = tids.filter((t) => (byTech.get(t)?.[0] ?? 0) > 0).length;
  note.append(
    el(
      'span',
      mine ? 'mine-yes' : 'mine-no',
      `With my data: ${mine} of ${tids.length} techniques covered (the catalog covers ${catalog})`,
    ),
  );
  note.append(link('My data', 'my-data/'));
}

/** `?mine=1`: cells shaded by runnable detections, `runnable/catalog` printed, catalog-only marked. */
async function matrix(note: HTMLElement, cov: Coverage | null, mine: boolean) {
  if (!mine) {
    if (cov) note.append(link('Show coverage with my data', 'attack/?mine=1'));
    return;
  }
  if (!cov) {
    note.append('No data profile in this browser yet: ', link('set one on My data', 'my-data/'));
    return;
  }
  const byTech = techniqueCoverage(cov.data, cov.states);
  await subsReady();
  const grid = document.querySelector<HTMLElement>('[data-matrix]');
  const seen = { mine: new Set<string>(), only: new Set<string>() };
  for (const li of grid?.querySelectorAll<HTMLElement>('li[data-tid]') ?? []) {
    const count = li.querySelector<HTMLElement>(':scope > [data-count], :scope > .row > [data-count]');
    if (!count) continue;
    const tid = li.dataset.tid!;
    const [m, all] = byTech.get(tid) ?? [0, 0];
    const only = m === 0 && all > 0;
    count.textContent = `${m}/${all}`;
    count.setAttribute('aria-label', `${m} of ${counted(all, 'detection')} runnable with my data`);
    li.className = `l${heatLevel(m)}${only ? ' mine-co' : ''}`;
    if (!tid.includes('.')) (m ? seen.mine : only ? seen.only : null)?.add(tid);
  }
  for (const col of grid?.querySelectorAll<HTMLElement>('section') ?? []) {
    const covered = col.querySelectorAll(':scope > ul > li:not(.l0)').length;
    const c = col.querySelector('[data-covered]');
    if (c) c.textContent = String(covered);
  }
  const select = document.querySelector<HTMLSelectElement>('[data-story-filter] select');
  if (select) select.disabled = true;
  note.dataset.mineTechniques = String(seen.mine.size);
  note.append(
    el('strong', '', 'With my data. '),
    `Cells are shaded by detections runnable with my data; each prints runnable/in the catalog. ${counted(seen.mine.size, 'technique')} covered with my data; ${seen.only.size} covered by the catalog only, marked `,
    el('span', 'mine-co-key', 'dashed and hatched'),
    '. ',
    link('Show catalog coverage', 'attack/'),
  );
}

async function apply() {
  const notes = [...document.querySelectorAll<HTMLElement>('[data-mine]')];
  const mine = new URLSearchParams(location.search).get('mine') === '1';
  const profile = storedProfile();
  let cov: Coverage | null = null;
  if (profile?.sources.length) {
    try {
      cov = coverage(await loadMyData(), profile.sources);
    } catch {
      return;
    }
  }
  for (const note of notes) {
    note.replaceChildren();
    const kind = note.dataset.mine;
    if (kind === 'matrix') await matrix(note, cov, mine);
    else if (cov && kind === 'detection') detection(note, cov);
    else if (cov && kind === 'story') story(note, cov);
    else if (cov && kind === 'technique') technique(note, cov);
    else if (cov && kind === 'tactic') tactic(note, cov);
    note.hidden = note.childNodes.length === 0;
  }
}

void apply();
