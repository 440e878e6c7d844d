import { STORAGE_KEY } from '../domain/coverage/key.ts';

/**
 * On every page: when the visitor has a data profile (or asks for `?mine=1`) and the page has
 * a place for it (`[data-mine]`), load the part that shows what their data makes runnable.
 * Without a profile this is all that runs.
 */
function hasProfile(): boolean {
  try {
    return !!localStorage.getItem(STORAGE_KEY);
  } catch {
    return false;
  }
}

if (document.querySelector('[data-mine]') && (hasProfile() || new URLSearchParams(location.search).get('mine') === '1'))
  void import('./my-data-apply.ts');
