import { detectionApiHref, detectionHrefFromApi, guessFromPath, shownPath } from '../domain/urls/not-found.ts';

/**
 * An old link to a detection under a folder it no longer lives in lands here: the id is looked
 * up in the per-detection API and the visitor is sent on. Everything else gets a prefilled search.
 */
const base = import.meta.env.BASE_URL;
const guess = guessFromPath(location.pathname, base);
const box = document.querySelector<HTMLInputElement>('[data-not-found-q]');
const status = document.querySelector<HTMLElement>('[data-not-found-status]');
const shown = document.querySelector<HTMLElement>('[data-not-found-path]');
if (shown) shown.textContent = shownPath(location.pathname);
if (box && guess.query) box.value = guess.query;

if (guess.id && status) {
  status.textContent = `Looking up detection ${guess.id}…`;
  fetch(detectionApiHref(guess.id, base), { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : null))
    .then((record) => {
      const target = record ? detectionHrefFromApi(record, base) : null;
      if (target && target !== location.pathname) {
        status.textContent = `This detection has moved. Going to ${target}…`;
        location.replace(target + location.hash);
      } else {
        status.textContent = `No detection in this catalog has the id ${guess.id}.`;
      }
    })
    .catch(() => {
      status.textContent = `The detection ${guess.id} could not be looked up.`;
    });
}
