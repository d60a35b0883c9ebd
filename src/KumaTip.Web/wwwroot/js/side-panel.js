// Show info from Threat Lookup, on the events pages: when the cache holds the observable, its details panel opens beside
// the events instead of a new page. Anything else (nothing cached, an error, a lapsed session) follows the link as
// it would without scripts: to the enrichment window, which also handles the details page.
(() => {
  const panel = document.querySelector('[data-side-panel]');
  if (!panel) return;
  const body = panel.querySelector('[data-side-panel-body]');
  const pageLink = panel.querySelector('[data-side-panel-page]');
  // Where the keyboard was when the panel opened (the observable's menu): closing gives the focus back there.
  let opener = null;
  const close = () => { panel.hidden = true; body.replaceChildren(); opener?.focus(); opener = null; };
  panel.querySelector('[data-side-panel-close]').addEventListener('click', close);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !panel.hidden) close(); });

  document.addEventListener('click', async (e) => {
    const link = e.target.closest('a[data-threat-lookup]');
    if (!link || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const query = new URL(link.href).search;
    try {
      const response = await fetch(`/ThreatLookup/Panel${query}`, { headers: { Accept: 'text/html' } });
      if (response.ok && !response.redirected) {
        body.innerHTML = await response.text();
        // The panel is the same markup for everyone; its forms take this page's antiforgery token.
        const token = document.querySelector('input[name="__RequestVerificationToken"]');
        body.querySelectorAll('form[method="post"]').forEach((form) => { if (token) form.append(token.cloneNode()); });
        pageLink.href = `/ThreatLookup/Details${query}`;
        panel.hidden = false;
        const menu = link.closest('details[open]');
        menu?.removeAttribute('open');
        opener = menu?.querySelector('summary') ?? link;
        const heading = panel.querySelector('h1');
        heading?.setAttribute('tabindex', '-1');
        heading?.focus();
        return;
      }
    } catch {
      // Offline or the server failed: the page the link names says what is wrong.
    }
    window.location.assign(link.href);
  });
})();
