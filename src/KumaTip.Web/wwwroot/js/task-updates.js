// Task changes pushed by the server (SignalR, /hubs/tasks) for every signed-in page: each change is announced as a
// "kumatip:task" event (detail: id, tenantId, state, createdById, updatedAt), and "kumatip:live" says whether pushes
// arrive (detail.live). While they do not (the hub cannot be reached), the pages poll instead and this script tries
// to reconnect every 30 s. It also keeps the counter beside "Task manager": the user's tasks finished unseen.
(() => {
  const finished = ['Completed', 'Failed', 'Cancelled'];
  const announce = (live) => {
    window.kumaTipLive = live;
    document.dispatchEvent(new CustomEvent('kumatip:live', { detail: { live } }));
  };

  const badge = document.querySelector('[data-task-badge]');
  const showCount = (count) => {
    if (!badge) return;
    badge.textContent = String(count);
    badge.hidden = count === 0;
  };
  const recount = async () => {
    // The task manager itself shows the tasks (and marks them seen as it does).
    if (!badge || document.querySelector('[data-marks-tasks-seen]')) return;
    try {
      const response = await fetch('/api/v1/tasks/unseen', { headers: { Accept: 'application/json' } });
      if (response.ok) showCount((await response.json()).count);
    } catch {
      // Kept as it is until the next change.
    }
  };
  document.addEventListener('kumatip:tasks-seen', () => showCount(0));
  document.addEventListener('kumatip:task', (e) => {
    if (badge && e.detail.createdById === badge.dataset.userId && finished.includes(e.detail.state)) recount();
  });

  let fallback;
  document.addEventListener('kumatip:live', (e) => {
    clearInterval(fallback);
    if (!e.detail.live && badge) fallback = setInterval(recount, 15000);
  });

  if (!window.signalR) { announce(false); return; }
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/tasks')
    .withAutomaticReconnect()
    // Failures are expected (a proxy without WebSockets, a server restarting) and handled by polling: no console noise.
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on('tasksChanged', (changes) => changes.forEach((change) =>
    document.dispatchEvent(new CustomEvent('kumatip:task', { detail: change }))));
  // Sent once the connection hears every change (on each reconnection too): the pages read once what they show.
  connection.on('listening', () => { announce(true); recount(); });
  connection.onreconnecting(() => announce(false));
  const start = async () => {
    try {
      await connection.start();
    } catch {
      announce(false);
      setTimeout(start, 30000);
    }
  };
  connection.onclose(() => { announce(false); setTimeout(start, 30000); });
  start();
})();
