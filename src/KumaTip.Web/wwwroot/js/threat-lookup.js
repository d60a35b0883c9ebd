// Threat Lookup: the enrichment window recomputes its cost line as data groups change, and the progress page
// follows its task and opens the details panel when it completes. Without scripts both pages work by form posts and
// a 2-second refresh.
(() => {
  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)]);

  const lookupWindow = document.querySelector('[data-lookup-window]');
  if (lookupWindow) {
    const line = lookupWindow.querySelector('[data-cost-line]');
    let latest = 0;
    const updateCost = async () => {
      const sections = [...lookupWindow.querySelectorAll('input[name=sections]:checked')].map((box) => box.value);
      const query = new URLSearchParams({ value: lookupWindow.dataset.value, type: lookupWindow.dataset.type, sections: sections.join(',') });
      const asked = ++latest;
      const response = await fetch(`/api/v1/lookups/cost?${query}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || asked !== latest) return;
      const cost = await response.json();
      const quota = cost.quota;
      if (cost.free) line.textContent = line.dataset.free;
      else if (quota.remaining === 0 || quota.periodEnded) line.textContent = line.dataset.noneLeft;
      else if (quota.periodEnd) line.textContent = format(line.dataset.usesUntil, quota.remaining, quota.periodEnd);
      else line.textContent = format(line.dataset.uses, quota.remaining);
    };
    lookupWindow.addEventListener('change', (e) => {
      if (e.target.name === 'sections') updateCost().catch(() => {});
    });
  }

  // The progress page: the task's changes are pushed by the server (task-updates.js); while they are not, the task is
  // followed by long polling. Completed opens the details panel; Failed or Cancelled shows the reason.
  const progress = document.querySelector('[data-task-progress]');
  if (progress && !['Completed', 'Failed', 'Cancelled'].includes(progress.dataset.state)) {
    const id = progress.dataset.taskProgress;
    const stateLabel = progress.querySelector('[data-task-state]');
    let live = false;
    let polling = false;
    const show = (task) => {
      stateLabel.textContent = stateLabel.dataset[`label${task.state}`] || task.state;
      stateLabel.className = `state ${task.state.toLowerCase()}`;
      if (task.state === 'Completed') { window.location.assign(progress.dataset.resultUrl); return true; }
      if (task.state === 'Failed' || task.state === 'Cancelled') { window.location.reload(); return true; }
      return false;
    };
    const read = async (waitSeconds) => {
      const response = await fetch(`/api/v1/tasks/${id}?waitSeconds=${waitSeconds}`, { headers: { Accept: 'application/json' } });
      return response.ok ? show(await response.json()) : null;
    };
    const follow = async () => {
      if (live) { polling = false; return; }
      polling = true;
      try {
        const finished = await read(20);
        if (finished) return;
        if (finished === false) { follow(); return; }
      } catch {
        // The network hiccupped: try again shortly.
      }
      setTimeout(follow, 2000);
    };
    document.addEventListener('kumatip:task', (e) => { if (e.detail.id === id) read(0).catch(() => {}); });
    document.addEventListener('kumatip:live', (e) => {
      live = e.detail.live;
      // Live: read once, for a change made before the pushes began. Not live: poll, unless already polling.
      if (live) read(0).catch(() => {});
      else if (!polling) follow();
    });
  }
})();
