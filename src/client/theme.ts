/** Theme toggle: light → dark → system. The choice is kept in localStorage. */
const KEY = 'catalog-theme';
const order = ['system', 'light', 'dark'] as const;
type Mode = (typeof order)[number];

function current(): Mode {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

function apply(mode: Mode, button: HTMLButtonElement) {
  if (mode === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', mode);
  button.dataset.mode = mode;
  const label = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' }[mode];
  button.setAttribute('aria-label', `${label} (change)`);
  button.title = label;
  const text = button.querySelector('[data-theme-label]');
  if (text) text.textContent = mode;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
  apply(current(), button);
  button.hidden = false;
  button.addEventListener('click', () => {
    const next = order[(order.indexOf(current()) + 1) % order.length];
    try {
      if (next === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    apply(next, button);
  });
}

// A module, not a script: its names stay out of the global scope.
export {};
