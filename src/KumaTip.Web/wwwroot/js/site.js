// KumaTip: small progressive enhancements; every page works without them.
document.addEventListener('click', (e) => {
  // Close open <details> menus when clicking elsewhere.
  document.querySelectorAll('details[open]').forEach((d) => { if (!d.contains(e.target)) d.removeAttribute('open'); });
});
