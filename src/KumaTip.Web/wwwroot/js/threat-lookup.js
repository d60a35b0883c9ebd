// Threat Lookup: the enrichment window recomputes its cost line as data groups change, and the progress page
// follows its task and opens the details panel when it completes. Without scripts both pages work by form posts and
// a 2-second refresh.
(() => {
  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)]);
  // A licence day (2027-03-03) as the server writes it in the page's language: 3/3/2027, 03.03.2027.
  const day = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(document.documentElement.lang, { timeZone: 'UTC' });

  // The window is a page, or arrives later in the events pages' dialog (side-panel.js): listen on the document.
  let latest = 0;
  const updateCost = async (lookupWindow) => {
    const line = lookupWindow.querySelector('[data-cost-line]');
    const sections = [...lookupWindow.querySelectorAll('input[name=sections]:checked')].map((box) => box.value);
    const query = new URLSearchParams({ value: lookupWindow.dataset.value, type: lookupWindow.dataset.type, sections: sections.join(',') });
    const asked = ++latest;
    const response = await fetch(`/api/v1/lookups/cost?${query}`, { headers: { Accept: 'application/json' } });
    if (!response.ok || asked !== latest) return;
    const cost = await response.json();
    const quota = cost.quota;
    if (cost.free) line.textContent = line.dataset.free;
    else if (quota.remaining === 0 || quota.periodEnded) line.textContent = line.dataset.noneLeft;
    else if (quota.periodEnd) line.textContent = format(line.dataset.usesUntil, quota.remaining, day(quota.periodEnd));
    else line.textContent = format(line.dataset.uses, quota.remaining);
  };
  document.addEventListener('change', (e) => {
    const lookupWindow = e.target.closest('[data-lookup-window]');
    if (lookupWindow && e.target.name === 'sections') updateCost(lookupWindow).catch(() => {});
  });

  // The progress page follows its task (window.kumaTip.tasks, task-updates.js: pushed by the server, long-polled while
  // pushes do not arrive). Completed opens the details panel; Failed or Cancelled shows the reason. task-updates.js
  // runs after the page's own scripts, hence the wait for the document.
  const progress = document.querySelector('[data-task-progress]');
  if (progress && !['Completed', 'Failed', 'Cancelled'].includes(progress.dataset.state)) {
    const stateLabel = progress.querySelector('[data-task-state]');
    const show = (task) => {
      stateLabel.textContent = stateLabel.dataset[`label${task.state}`] || task.state;
      stateLabel.className = `state ${task.state.toLowerCase()}`;
      if (task.state === 'Completed') window.location.assign(progress.dataset.resultUrl);
      else if (task.state === 'Failed' || task.state === 'Cancelled') window.location.reload();
    };
    const follow = () => window.kumaTip.tasks.follow(progress.dataset.taskProgress, show);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', follow); else follow();
  }
})();
