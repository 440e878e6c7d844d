// Runs before first paint so a stored theme choice never flashes; external so CSP needs no hash.
// The `js` class lets CSS show script-only controls from the first paint (and hide them without
// JavaScript) without a shift when the scripts run.
document.documentElement.classList.add('js');
try {
  var t = localStorage.getItem('catalog-theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) {
  // Storage may be blocked (private mode, policy): the page follows the system theme then.
}
