/** Story select on the matrix: jumps to the statically rendered story matrix. */
const select = document.querySelector<HTMLSelectElement>('[data-story-filter] select');
select?.addEventListener('change', () => {
  const opt = select.selectedOptions[0];
  const target = opt?.dataset.href ?? select.form?.action;
  if (target) location.href = target;
});
// `/attack/?story=<slug>` (a shared link) forwards to the static story matrix.
const story = new URLSearchParams(location.search).get('story');
if (story && select) {
  const opt = [...select.options].find((o) => o.value === story);
  if (opt?.dataset.href) location.replace(opt.dataset.href);
}
