// Task manager: the filters apply as they change, and the rows follow the tasks: they are re-read from the server
// (the Rows handler, which marks them seen) when a task changes, as the server pushes it (task-updates.js), or every
// 2 s while tasks are queued or running and pushes do not arrive. A hidden tab re-reads when it is looked at again.
// Without scripts, the Filter button and the Refresh link do the same.
(() => {
  const filters = document.querySelector('form[data-auto-submit]');
  if (filters) filters.addEventListener('change', () => filters.submit());

  const list = document.querySelector('[data-task-list]');
  if (!list) return;
  let behind = false;
  // Rows are not replaced while a button is held down on them: replaced between the press and the release, the click
  // (Restart, Show result) would land on no button and be lost. The refresh runs once the button is released.
  let pressed = false;
  let held = false;
  list.addEventListener('pointerdown', () => { pressed = true; });
  const released = () => {
    if (!pressed) return;
    setTimeout(() => {
      pressed = false;
      if (held) { held = false; refresh(); }
    }, 0);
  };
  document.addEventListener('pointerup', released, true);
  document.addEventListener('pointercancel', released, true);
  const refresh = async () => {
    if (document.hidden) { behind = true; return; }
    behind = false;
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const where = focused && [focused.closest('tr[data-task-id]')?.dataset.taskId, focused.closest('[data-action]')?.dataset.action];
    try {
      const response = await fetch(list.dataset.rowsUrl, { headers: { Accept: 'text/html' } });
      if (!response.ok) return;
      const rows = await response.text();
      if (pressed) { held = true; return; }
      list.innerHTML = rows;
      document.dispatchEvent(new CustomEvent('kumatip:tasks-seen'));
      // A keyboard user keeps his place in the rows.
      const action = where && list.querySelector(`tr[data-task-id="${where[0]}"] [data-action="${where[1]}"]`);
      if (action) (action.matches('a, button') ? action : action.querySelector('button')).focus();
    } catch {
      // Kept as it is until the next change.
    }
  };
  let timer;
  const soon = () => { clearTimeout(timer); timer = setTimeout(refresh, 150); };
  document.addEventListener('kumatip:task-changed', soon);
  document.addEventListener('visibilitychange', () => { if (!document.hidden && behind) refresh(); });

  let poll;
  const running = () => list.querySelector('tr[data-state=Queued], tr[data-state=Running]') !== null;
  document.addEventListener('kumatip:live', (e) => {
    clearInterval(poll);
    // Live again: catch up on what changed while pushes did not arrive.
    if (e.detail.live) soon();
    else poll = setInterval(() => { if (running()) refresh(); }, 2000);
  });
})();
