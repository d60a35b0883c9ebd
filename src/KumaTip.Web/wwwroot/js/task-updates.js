// Task changes pushed by the server (SignalR, /hubs/tasks), for every signed-in page. The contract other scripts use:
//  - document event "kumatip:task-changed", detail { id, tenantId, state, createdById, updatedAt }: a task the user
//    may see changed (state: Queued, Running, Completed, Failed or Cancelled). Only the tasks of the user's tenants.
//  - document event "kumatip:live", detail { live }: whether pushes arrive; window.kumaTip.tasks.live says it too
//    (null until the first try to connect has ended). While they do not (the hub cannot be reached), views poll
//    instead and this script reconnects every 30 s.
//  - window.kumaTip.tasks.follow(id, onTask): calls onTask with the task as GET /api/v1/tasks/{id} reads it, now and
//    after each of its changes (pushed, or long-polled while pushes do not arrive), until it has finished; returns
//    a function that stops following.
// It also keeps the counter beside "Task manager": the user's tasks finished since he last looked at the task manager.
(() => {
  const finished = ['Completed', 'Failed', 'Cancelled'];
  const tasks = { live: null, follow: null };
  window.kumaTip = Object.assign(window.kumaTip || {}, { tasks });
  const announce = (live) => {
    tasks.live = live;
    document.dispatchEvent(new CustomEvent('kumatip:live', { detail: { live } }));
  };

  tasks.follow = (id, onTask) => {
    let stopped = false;
    let polling = false;
    const read = async (waitSeconds) => {
      const response = await fetch(`/api/v1/tasks/${id}?waitSeconds=${waitSeconds}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || stopped) return null;
      const task = await response.json();
      if (stopped) return null;
      onTask(task);
      if (finished.includes(task.state)) stop();
      return task;
    };
    const readOnce = () => read(0).catch(() => {});
    // Long polling while pushes do not arrive; it ends once they do.
    const poll = async () => {
      if (stopped || tasks.live) { polling = false; return; }
      polling = true;
      try {
        if (await read(20)) { poll(); return; }
      } catch {
        // The network hiccupped: try again shortly.
      }
      setTimeout(poll, 2000);
    };
    const changed = (e) => { if (e.detail.id === id) readOnce(); };
    // Live again: read once, for a change made while pushes did not arrive.
    const liveness = (e) => { if (e.detail.live) readOnce(); else if (!polling) poll(); };
    function stop() {
      stopped = true;
      document.removeEventListener('kumatip:task-changed', changed);
      document.removeEventListener('kumatip:live', liveness);
    }
    document.addEventListener('kumatip:task-changed', changed);
    document.addEventListener('kumatip:live', liveness);
    if (tasks.live) readOnce();
    else if (tasks.live === false) poll();
    // Still connecting: the first announcement starts it; a connection that neither succeeds nor fails soon is not waited for.
    else setTimeout(() => { if (tasks.live === null && !polling) poll(); }, 5000);
    return stop;
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
  // Finished tasks come in bursts (a bulk lookup queues up to 100): the badge is counted at most every 300 ms, and not
  // while the page fetches what the same push asked for (the panel of the lookup that finished).
  let recountTimer = null;
  const recountSoon = () => {
    if (recountTimer === null) recountTimer = setTimeout(() => { recountTimer = null; recount(); }, 300);
  };
  document.addEventListener('kumatip:tasks-seen', () => showCount(0));
  document.addEventListener('kumatip:task-changed', (e) => {
    if (badge && e.detail.createdById === badge.dataset.userId && finished.includes(e.detail.state)) recountSoon();
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
    document.dispatchEvent(new CustomEvent('kumatip:task-changed', { detail: change }))));
  // Sent once the connection hears every change (on each reconnection too): the views read once what they show.
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
