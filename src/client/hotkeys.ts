/** `/` focuses the site search from any page, unless the visitor is typing somewhere. */
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const box = document.querySelector<HTMLInputElement>('[data-search-input]');
  if (!box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
