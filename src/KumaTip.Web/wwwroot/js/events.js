// Events: until the Threat Lookup feature hooks [data-threat-lookup], its menu item says that the lookup is not there yet.
document.addEventListener('click', (e) => {
  const item = e.target.closest('[data-threat-lookup]');
  if (!item || item.dataset.threatLookupReady === 'true') return;
  const note = item.parentElement.querySelector('.pending-note');
  if (note) note.hidden = false;
});
