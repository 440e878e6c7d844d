/**
 * The matrix's sub-technique lists arrive inside <noscript>: with scripts on, the parser keeps
 * that as one run of text instead of some two thousand elements, which was most of the page's
 * parsing and styling. Here each list becomes elements when its <details> opens, and all of
 * them in small steps once the page has loaded (so filters and My data can paint them).
 * Without scripts, the browser renders the lists itself.
 */

function render(d: HTMLDetailsElement) {
  const source = d.querySelector(':scope > noscript');
  if (!source) return;
  const t = document.createElement('template');
  // The page's own markup, as the build wrote and escaped it.
  t.innerHTML = source.textContent ?? '';
  source.replaceWith(t.content);
}

/** Makes every sub-technique list of the matrix now (Expand all). */
export function renderAllSubs() {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('[data-matrix] details')) render(d);
}

let ready: Promise<void> | null = null;

/** Resolves when every list is elements, made a few at a time so no step blocks input for long. */
export function subsReady(): Promise<void> {
  return (ready ??= new Promise((resolve) => {
    const all = [...document.querySelectorAll<HTMLDetailsElement>('[data-matrix] details')];
    let i = 0;
    const step = () => {
      const end = performance.now() + 8;
      while (i < all.length && performance.now() < end) render(all[i++]);
      if (i < all.length) setTimeout(step, 0);
      else resolve();
    };
    setTimeout(step, 0);
  }));
}

// `toggle` does not bubble; a capturing listener still hears it.
document.addEventListener(
  'toggle',
  (e) => {
    if (e.target instanceof HTMLDetailsElement && e.target.open) render(e.target);
  },
  true,
);
if (document.querySelector('[data-matrix] details > noscript')) {
  if (document.readyState === 'complete') void subsReady();
  else addEventListener('load', () => void subsReady(), { once: true });
}
