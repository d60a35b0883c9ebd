// Task manager: the filters apply as they change, and while any task is queued or running the rows are refreshed
// from GET /api/v1/tasks every 2 seconds. Without scripts, the Filter button and the Refresh link do the same.
(() => {
  const filters = document.querySelector('form[data-auto-submit]');
  if (filters) filters.addEventListener('change', () => filters.submit());

  const table = document.querySelector('table[data-poll-url]');
  if (!table) return;
  const finished = ['Completed', 'Failed', 'Cancelled'];
  const time = (iso) => `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const label = (state) => table.dataset[`label${state}`] || state;

  const update = (row, task) => {
    row.dataset.state = task.state;
    const state = row.querySelector('[data-task-state]');
    state.textContent = label(task.state);
    state.className = `state ${task.state.toLowerCase()}`;
    const error = row.querySelector('[data-task-error]');
    error.textContent = task.error || '';
    error.hidden = !task.error;
    row.querySelector('[data-task-updated]').textContent = time(task.updatedAt);
    const done = finished.includes(task.state);
    const show = (action, visible) => { const element = row.querySelector(`[data-action=${action}]`); if (element) element.hidden = !visible; };
    // Restart and Cancel are there only for the tasks this user may change.
    show('result', task.state === 'Completed');
    show('restart', done);
    show('cancel', !done);
  };

  const poll = async () => {
    try {
      const response = await fetch(table.dataset.pollUrl, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const tasks = await response.json();
        const rows = new Map([...table.querySelectorAll('tr[data-task-id]')].map((row) => [row.dataset.taskId, row]));
        // A task appeared or went: the page knows how to lay out the whole list.
        if (tasks.length !== rows.size || tasks.some((task) => !rows.has(task.id))) { window.location.reload(); return; }
        tasks.forEach((task) => update(rows.get(task.id), task));
        if (tasks.every((task) => finished.includes(task.state))) return;
      }
    } catch {
      // Try again on the next tick.
    }
    setTimeout(poll, 2000);
  };
  if (table.dataset.poll === 'true') setTimeout(poll, 2000);
})();
