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

/**
 * Resolves when every list is elements, made in idle time a few at a time, so that no step
 * delays input (filters and My data wait for it before they paint).
 */
export function subsReady(): Promise<void> {
  return (ready ??= new Promise((resolve) => {
    const all = [...document.querySelectorAll<HTMLDetailsElement>('[data-matrix] details')];
    let i = 0;
    const idle = (fn: (d?: IdleDeadline) => void) =>
      'requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 0);
    const step = (deadline?: IdleDeadline) => {
      const end = performance.now() + Math.min(4, deadline?.timeRemaining() ?? 4);
      do render(all[i++]);
      while (i < all.length && performance.now() < end);
      if (i < all.length) idle(step);
      else resolve();
    };
    if (all.length) idle(step);
    else resolve();
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
