// Runs before first paint so a stored theme choice never flashes; external so CSP needs no hash.
try {
  var t = localStorage.getItem('catalog-theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) {
  // Storage may be blocked (private mode, policy): the page follows the system theme then.
}
