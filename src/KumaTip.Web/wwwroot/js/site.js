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

// "Back to events" returns to the list as the analyst left it (filters and page): the events table remembers its
// address for the tab, and every such link on the event and Threat Lookup pages goes there.
(() => {
  const key = 'kumatip.events-list';
  try {
    if (document.querySelector('[data-testid="event-filters"]')) sessionStorage.setItem(key, window.location.pathname + window.location.search);
    const list = sessionStorage.getItem(key);
    if (list && list.startsWith('/Events')) document.querySelectorAll('a[data-back-to-events]').forEach((a) => { a.href = list; });
  } catch {
    // No session storage (disabled by the browser): the links go to the unfiltered list.
  }
})();
