// KumaTip: small progressive enhancements; every page works without them.
document.addEventListener('click', (e) => {
  // Close open <details> menus when clicking elsewhere (not the collapsible sections that say they stay open).
  document.querySelectorAll('details[open]:not([data-stays-open])').forEach((d) => { if (!d.contains(e.target)) d.removeAttribute('open'); });
});

// Escape closes the menu (tenant picker, observable menu) the keyboard is in and gives the focus back to its summary.
// It listens in the capture phase, before the page's own scripts, so that an Escape in a menu inside the details area
// closes the menu only, not the area's view too.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  const menu = e.target.closest?.('details[open]:not([data-stays-open])');
  if (!menu) return;
  menu.removeAttribute('open');
  menu.querySelector('summary')?.focus();
  e.stopPropagation();
}, true);

// The server writes times in the reader's time zone (Threat Lookup panel): it reads the browser's IANA zone from this
// cookie (UserTimeZone.cs), and falls back to UTC until it is set.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || !/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) || document.cookie.split('; ').includes(`kumatip.tz=${zone}`)) return;
  const secure = window.location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `kumatip.tz=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
})();
