/**
 * `/` focuses the search from any page, unless the visitor is typing somewhere; Ctrl-K (⌘-K)
 * focuses the header's search from anywhere, as in most sites with a command box.
 */
document.addEventListener('keydown', (e) => {
  const header = document.querySelector<HTMLInputElement>('[data-search-input]');
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K')) {
    if (!header) return;
    e.preventDefault();
    header.focus();
    header.select();
    return;
  }
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  // On the explore page its own box, not the header's.
  const box = document.querySelector<HTMLInputElement>('[data-q]') ?? header;
  if (!box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
