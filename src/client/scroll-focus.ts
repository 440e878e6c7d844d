/**
 * A table that scrolls sideways must be reachable with the keyboard to be scrolled. Only the
 * wrappers that do overflow become tab stops, so a narrow table adds none; checked again when
 * the window changes size.
 */
function mark() {
  for (const el of document.querySelectorAll<HTMLElement>('.table-scroll')) {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls) el.tabIndex = 0;
    else el.removeAttribute('tabindex');
  }
}

mark();
let pending = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(mark);
});

export {};
