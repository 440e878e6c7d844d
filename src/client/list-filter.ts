/**
 * A filter box above each long list marked `data-filter-list` (its value selects the rows). The
 * whole list stays in the HTML; the box only hides rows, so without JavaScript nothing is lost
 * and no dead control is shown. A group (`data-filter-group`) with no row left is hidden too.
 */
const MIN_ROWS = 10;
const MAX_NEEDLE = 200;

for (const scope of document.querySelectorAll<HTMLElement>('[data-filter-list]')) {
  const rows = [...scope.querySelectorAll<HTMLElement>(scope.dataset.filterList || 'li')];
  if (rows.length < MIN_ROWS) continue;
  const texts = rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').toLowerCase());
  const groups = [...scope.querySelectorAll<HTMLElement>('[data-filter-group]')];
  const what = scope.dataset.filterLabel || 'items';

  const bar = document.createElement('div');
  bar.className = 'list-filter';
  const input = document.createElement('input');
  input.type = 'search';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.placeholder = `Filter ${rows.length} ${what}…`;
  input.setAttribute('aria-label', `Filter the ${what}`);
  const status = document.createElement('span');
  status.className = 'small muted';
  status.setAttribute('aria-live', 'polite');
  bar.append(input, status);
  scope.before(bar);

  let timer = 0;
  const apply = () => {
    const words = input.value.trim().slice(0, MAX_NEEDLE).toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((r, k) => {
      const ok = words.every((w) => texts[k].includes(w));
      r.hidden = !ok;
      if (ok) shown++;
    });
    for (const g of groups) g.hidden = !g.querySelector(`${scope.dataset.filterList || 'li'}:not([hidden])`);
    status.textContent = words.length ? `${shown} of ${rows.length}` : '';
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    // Thousands of rows: wait for a pause when the list is long.
    timer = window.setTimeout(apply, rows.length > 500 ? 80 : 0);
  });
}
