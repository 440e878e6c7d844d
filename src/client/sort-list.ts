/**
 * "Sort: Name / Most detections" above each `[data-sort-scope]`: every `[data-sort-list]`
 * inside has its children reordered by their `data-count`, most first (ties keep the page's
 * order), or put back in the page's order. The page is rendered in name order and the control
 * exists only with JavaScript, so nothing is lost without it. The choice is kept in the
 * address (`?sort=count`) so a sorted list can be linked.
 */
type Mode = 'name' | 'count';

const params = new URLSearchParams(location.search);
let mode: Mode = params.get('sort') === 'count' ? 'count' : 'name';

const scopes = [...document.querySelectorAll<HTMLElement>('[data-sort-scope]')];
const lists = scopes.flatMap((s) => [...s.querySelectorAll<HTMLElement>('[data-sort-list]')]);
const original = new Map(lists.map((l) => [l, [...l.children] as HTMLElement[]]));
const buttons: { b: HTMLButtonElement; m: Mode }[] = [];

function apply() {
  for (const [list, children] of original) {
    const order =
      mode === 'name'
        ? children
        : children
            .map((c, i) => ({ c, i, n: Number(c.dataset.count) || 0 }))
            .sort((a, b) => b.n - a.n || a.i - b.i)
            .map((x) => x.c);
    list.append(...order);
  }
  for (const { b, m } of buttons) b.setAttribute('aria-pressed', String(m === mode));
}

for (const scope of scopes) {
  const bar = document.createElement('div');
  bar.className = 'sort-control small';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Sort');
  const label = document.createElement('span');
  label.textContent = 'Sort:';
  bar.append(label);
  for (const [m, text] of [
    ['name', 'Name'],
    ['count', 'Most detections'],
  ] as const) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', () => {
      mode = m;
      const url = new URL(location.href);
      if (m === 'count') url.searchParams.set('sort', 'count');
      else url.searchParams.delete('sort');
      history.replaceState(history.state, '', url);
      apply();
    });
    buttons.push({ b, m });
    bar.append(b);
  }
  scope.before(bar);
}
if (scopes.length) apply();

export {};
