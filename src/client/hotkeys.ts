/** `/` focuses the search from any page, unless the visitor is typing somewhere. */
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  // On the explore page its own box, not the header's.
  const box =
    document.querySelector<HTMLInputElement>('[data-q]') ??
    document.querySelector<HTMLInputElement>('[data-search-input]');
  if (!box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
