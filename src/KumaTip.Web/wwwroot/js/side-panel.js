// KUMA's flow on the events pages, without leaving them: the details area on the right and its dialog.
//  - A click on an event in the table opens Event information in the area over the table; the table keeps its
//    filters, page and scroll. Escape or Close returns to it (Escape steps back one view at a time).
//  - "Show info from Threat Lookup" on an observable: when the cache holds it, its details panel opens in the area;
//    when not, the dialog shows the window "Details" («Подробнее»), whose "Enrich with Kaspersky TIP data" turns into
//    the enrichment window; Request closes the dialog and the area shows the task's progress, then the panel.
// The server renders every view (the pages' fragment form, the panel endpoint); this script only places them. On an
// answer it does not expect (an error, a lapsed session) it follows the link as a browser without scripts would.
(() => {
  const area = document.querySelector('[data-side-panel]');
  if (!area) return;
  const body = area.querySelector('[data-side-panel-body]');
  const pageLink = area.querySelector('[data-side-panel-page]');
  const back = area.querySelector('[data-side-panel-back]');
  const dialog = document.querySelector('[data-lookup-dialog]');
  const dialogBody = dialog.querySelector('[data-lookup-dialog-body]');
  const finished = ['Completed', 'Failed', 'Cancelled'];
  // The views of the area, the one shown last: { node, page, stop, opener }.
  const views = [];
  // Where the keyboard goes back to: when the area closes, the control that opened its first view; when a view is
  // left (Back, Escape), the control that opened it, if it is still there to see, else the view's heading.
  let returnFocus = null;
  // The control of the click being answered (an event's link, an observable's menu); taken by the view it opens, or,
  // when it opens the dialog, by the view the dialog ends in, or the focus again when the dialog closes without one.
  let nextOpener = null;
  // A menu item closes with its menu: the keyboard goes back to the menu's summary, which stays.
  const openerOf = (link) => link.closest('details')?.querySelector('summary') ?? link;
  const visible = (element) => Boolean(element?.isConnected && element.getClientRects().length);

  const parse = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };
  const withFragment = (url) => {
    const address = new URL(url, window.location.href);
    address.searchParams.set('fragment', 'true');
    return address.pathname + address.search;
  };
  // The address as a page: without what asks for the view alone.
  const withoutFragment = (url) => {
    const address = new URL(url, window.location.href);
    address.searchParams.delete('fragment');
    address.searchParams.delete('showInfo');
    return address.pathname + address.search;
  };
  const get = (url, signal) => fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin', signal });
  // The panel is the same markup for everyone; its forms take this page's antiforgery token.
  const addToken = (root) => {
    const token = document.querySelector('input[name="__RequestVerificationToken"]');
    root.querySelectorAll('form[method="post"]').forEach((form) => {
      if (token && !form.querySelector('input[name="__RequestVerificationToken"]')) form.append(token.cloneNode());
    });
  };
  const focusHeading = (root) => {
    const heading = root.querySelector('h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  };

  const render = () => {
    views.forEach((view, i) => { view.node.hidden = i !== views.length - 1; });
    const top = views[views.length - 1];
    pageLink.href = top.page;
    back.hidden = views.length < 2;
    area.hidden = false;
    area.scrollTop = 0;
  };
  const push = (content, page) => {
    const opener = nextOpener ?? document.activeElement;
    nextOpener = null;
    if (!views.length) returnFocus = opener;
    const node = document.createElement('div');
    node.className = 'side-panel-view';
    node.append(content);
    addToken(node);
    const view = { node, page, stop: null, opener };
    views.push(view);
    body.append(node);
    render();
    focusHeading(node);
    return view;
  };
  const replace = (view, content, page) => {
    view.node.replaceChildren(content);
    addToken(view.node);
    view.page = page;
    if (views[views.length - 1] === view) {
      pageLink.href = page;
      focusHeading(view.node);
    }
  };
  const drop = (view) => {
    view.stop?.();
    view.node.remove();
  };
  const close = () => {
    while (views.length) drop(views.pop());
    area.hidden = true;
    if (visible(returnFocus)) returnFocus.focus();
    returnFocus = null;
  };
  const stepBack = () => {
    const left = views.pop();
    drop(left);
    if (views.length) {
      render();
      if (visible(left.opener) && views[views.length - 1].node.contains(left.opener)) left.opener.focus();
      else focusHeading(views[views.length - 1].node);
    } else {
      close();
    }
  };
  area.querySelector('[data-side-panel-close]').addEventListener('click', close);
  back.addEventListener('click', stepBack);
  // Escape closes the dialog first (the browser does that); with no dialog open, it steps back in the area.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !area.hidden && !dialog.open && !e.defaultPrevented) stepBack();
  });

  const openDialog = (content) => {
    dialogBody.replaceChildren(content);
    addToken(dialogBody);
    const title = dialogBody.querySelector('h1[id]');
    if (title) dialog.setAttribute('aria-labelledby', title.id);
    if (!dialog.open) dialog.showModal();
    (dialogBody.querySelector('.btn.primary, button[type=submit]') || title)?.focus();
  };
  dialog.querySelector('[data-lookup-dialog-close]').addEventListener('click', () => dialog.close());
  // Closed without a view to show (Close, Escape): the keyboard goes back to the observable it was opened from.
  dialog.addEventListener('close', () => {
    if (visible(nextOpener)) nextOpener.focus();
    nextOpener = null;
  });

  // A task is followed through the task hub (task-updates.js, on every signed-in page): pushed by the server, long-polled
  // while pushes do not arrive.
  const followTask = (id, onTask) => window.kumaTip.tasks.follow(id, onTask);

  // The progress view of a task: its state as it changes; the panel when it completes, the reason when it does not.
  // The view asks the server for the task's outcome at once and the answer comes when the task has finished (the panel
  // itself when it completed): it leaves the server as the outcome is recorded, with no push to hear and no fetch to
  // make after it. Pushed changes only name the state meanwhile. Should that request fail, the task is followed
  // through the task hub instead and its view fetched once it has finished.
  const waitSeconds = 25;
  const showProgress = (content) => {
    const progress = content.querySelector('[data-task-progress]');
    const id = progress.dataset.taskProgress;
    const page = `/ThreatLookup/Progress/${id}`;
    const view = push(content, page);
    if (finished.includes(progress.dataset.state)) return;
    const label = view.node.querySelector('[data-task-state]');
    const panelUrl = progress.dataset.panelUrl;
    const resultUrl = progress.dataset.resultUrl;
    const waiting = new AbortController();
    let done = false;
    let following = false;
    let unfollow = () => {};
    const name = (state) => {
      label.textContent = label.dataset[`label${state}`] || state;
      label.className = `state ${state.toLowerCase()}`;
    };
    // While the outcome is awaited a push only names the state; once the task is followed instead, a push that it
    // finished fetches its view at once, without reading the task first (heard before the hub's follower).
    const heard = (e) => {
      if (done || e.detail?.id !== id) return;
      if (following) show(e.detail.state);
      else if (!finished.includes(e.detail.state)) name(e.detail.state);
    };
    document.addEventListener('kumatip:task-changed', heard);
    view.stop = () => {
      waiting.abort();
      document.removeEventListener('kumatip:task-changed', heard);
      unfollow();
    };
    const finish = (answer, state) => {
      done = true;
      view.stop();
      replace(view, answer, state === 'Completed' ? resultUrl : page);
    };
    // The outcome, fetched once the hub says the task finished (the fallback); shown as a page if it cannot be fetched.
    const show = async (state) => {
      if (done || !view.node.isConnected) return;
      name(state);
      if (!finished.includes(state)) return;
      done = true;
      view.stop();
      try {
        const response = await get(state === 'Completed' ? panelUrl : withFragment(page));
        if (response.ok && view.node.isConnected) {
          finish(parse(await response.text()), state);
          return;
        }
      } catch {
        // Shown as a page below.
      }
      if (view.node.isConnected) window.location.assign(state === 'Completed' ? resultUrl : page);
    };
    const awaitOutcome = async () => {
      const address = new URL(withFragment(page), window.location.href);
      address.searchParams.set('waitSeconds', String(waitSeconds));
      while (!done && view.node.isConnected) {
        const response = await get(address.pathname + address.search, waiting.signal);
        if (!response.ok) throw new Error(`progress ${response.status}`);
        const answer = parse(await response.text());
        if (done || !view.node.isConnected) return;
        if (answer.querySelector('[data-testid="observable-panel"]')) {
          finish(answer, 'Completed');
          return;
        }
        const state = answer.querySelector('[data-task-progress]')?.dataset.state;
        if (!state) throw new Error('progress: not a task view');
        if (finished.includes(state)) {
          finish(answer, state);
          return;
        }
        name(state);
      }
    };
    awaitOutcome().catch(() => {
      if (done || waiting.signal.aborted || !view.node.isConnected) return;
      following = true;
      unfollow = followTask(id, (task) => show(task.state));
    });
  };

  // What Request answered: the progress view, the panel (the cache had it all), or the window again with its errors.
  const placeAnswer = (content, answeredUrl) => {
    if (content.querySelector('[data-task-progress]')) {
      dialog.close();
      showProgress(content);
    } else if (content.querySelector('[data-testid="observable-panel"]')) {
      dialog.close();
      push(content, withoutFragment(answeredUrl).replace('/ThreatLookup/Panel', '/ThreatLookup/Details'));
    } else {
      openDialog(content);
    }
  };

  // Show info from Threat Lookup: the address the link names for it (or its page, asked for its fragment) answers the
  // panel alone when the cache holds the observable and leads to the window Details when it does not (no 404 for the
  // console: nothing is wrong).
  const showInfo = async (link) => {
    const response = await get(link.dataset.showInfo || withFragment(link.href));
    if (!response.ok) throw new Error(`show info ${response.status}`);
    const answered = new URL(response.url);
    const content = parse(await response.text());
    if (content.querySelector('[data-testid="observable-summary"]')) {
      openDialog(content);
    } else if (content.querySelector('[data-testid="observable-panel"]')) {
      dialog.close();
      push(content, `/ThreatLookup/Details${withoutFragment(answered.href).replace(/^[^?]*/, '')}`);
    } else {
      throw new Error(`show info ${answered.pathname}`);
    }
  };

  const openEvent = async (link) => {
    const response = await get(withFragment(link.href));
    if (!response.ok || response.redirected) throw new Error(`event ${response.status}`);
    const content = parse(await response.text());
    close();
    push(content, withoutFragment(link.href));
  };

  const enrich = async (link) => {
    const response = await get(withFragment(link.href));
    if (!response.ok || !new URL(response.url).pathname.startsWith('/ThreatLookup')) throw new Error(`window ${response.status}`);
    placeAnswer(parse(await response.text()), response.url);
  };

  // Posts a form of a view for its answer without the page around it (a Threat Lookup view, or an error to throw).
  const post = async (form) => {
    const data = new FormData(form);
    data.set('fragment', 'true');
    const response = await fetch(form.action, { method: 'POST', body: data, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    // Anything but a Threat Lookup view (the sign-in page after a lapsed session, say) is for the page to show.
    if (!response.ok || !new URL(response.url).pathname.startsWith('/ThreatLookup')) throw new Error(`post ${response.status}`);
    return { content: parse(await response.text()), url: response.url };
  };

  // Request in the enrichment window.
  const request = async (form) => {
    const answer = await post(form);
    placeAnswer(answer.content, answer.url);
  };

  // Refresh data in a panel of the area: the progress view takes the panel's place, or the panel shows what went wrong.
  const refresh = async (form) => {
    const answer = await post(form);
    const view = views[views.length - 1];
    if (answer.content.querySelector('[data-task-progress]')) {
      drop(views.pop());
      showProgress(answer.content);
    } else {
      replace(view, answer.content, view.page);
    }
  };

  // Ctrl-, Shift- and middle clicks open pages, as links do.
  const plainClick = (e) => e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey;
  const follow = (href) => window.location.assign(href);

  document.addEventListener('click', (e) => {
    if (!plainClick(e)) return;
    const eventLink = e.target.closest('a[data-event-link]');
    const lookupLink = e.target.closest('a[data-threat-lookup]');
    const enrichLink = e.target.closest('[data-lookup-dialog] a[data-enrich]');
    const link = eventLink || lookupLink || enrichLink;
    if (!link) return;
    e.preventDefault();
    // A link inside the dialog keeps the opener of the dialog: the dialog's own controls go with it.
    if (!link.closest('[data-lookup-dialog]')) nextOpener = openerOf(link);
    link.closest('details[open]')?.removeAttribute('open');
    const action = eventLink ? openEvent : lookupLink ? showInfo : enrich;
    action(link).catch(() => follow(link.href));
  });

  document.addEventListener('submit', (e) => {
    const form = e.target.closest('[data-lookup-dialog] form[data-lookup-window], [data-side-panel] form[data-testid="refresh-form"]');
    if (!form) return;
    e.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    const send = form.matches('[data-lookup-window]') ? request : refresh;
    send(form).catch(() => {
      // As a page: the window again with what went wrong, the progress page or the panel.
      form.querySelector('input[name="fragment"]')?.remove();
      form.submit();
    }).finally(() => { if (button) button.disabled = false; });
  });
})();
