// The wall screen's connection handling, loaded only by Components/Layout/WallLayout.razor.
//
// A wall screen has nobody to press "Retry", so instead of the app's reconnect modal (App.razor leaves it out on /wall)
// it shows a small indicator in a corner and never gives up:
// - Blazor (.NET 10) looks for an element with the id `components-reconnect-modal`; when one exists it does not draw
//   its own dialog but adds state classes to that element and dispatches a `components-reconnect-state-changed`
//   event on it (it does not bubble) whose `detail.state` is one of: show, hide, retrying, failed, rejected, paused,
//   resume-failed. The wall layout renders that element as the indicator.
// - "failed" means Blazor's own attempts are used up: from then on this module calls `Blazor.reconnect()` with a
//   capped back-off, forever. It resolves true (reconnected), false (the server answered but the circuit is gone,
//   e.g. after a restart) or throws (the server is still unreachable).
// - When the circuit is gone (reconnect false, state "rejected" or "resume-failed"), `Blazor.resumeCircuit()` is tried
//   and, failing that, the page reloads: the server answered, so the reload gets a fresh page and a new circuit.
//   The page is never reloaded while the server is unreachable (the browser would show its error page and stay there).

const firstRetryMilliseconds = 2_000;
const maxRetryMilliseconds = 30_000;

let indicator = null;
let retryTimer = null;
let retryDelay = firstRetryMilliseconds;

export function start(element) {
  if (indicator === element) {
    return;
  }

  indicator = element;
  element.addEventListener('components-reconnect-state-changed', onStateChanged);
  setState('connected');
  element.dataset.wallConnection = 'ready';
}

export function viewport() {
  return { width: window.innerWidth, height: window.innerHeight };
}

function onStateChanged(event) {
  const state = event.detail?.state;
  indicator.dataset.lastStates = `${indicator.dataset.lastStates ?? ''} ${state}`.trim().split(' ').slice(-8).join(' ');
  switch (state) {
    case 'show':
    case 'retrying':
      setState('reconnecting');
      break;
    case 'hide':
      stopRetrying();
      setState('connected');
      break;
    case 'failed':
      setState('reconnecting');
      scheduleRetry();
      break;
    case 'paused':
      setState('reconnecting');
      resumeOrReload();
      break;
    case 'rejected':
    case 'resume-failed':
      setState('reloading');
      resumeOrReload();
      break;
  }
}

function setState(state) {
  indicator.dataset.state = state;
  const label = indicator.querySelector('[data-label]');
  if (label) {
    label.textContent = state === 'connected' ? '' : state === 'reloading' ? 'reloading…' : 'reconnecting…';
  }
}

function scheduleRetry() {
  stopRetrying();
  retryTimer = setTimeout(retry, retryDelay);
  retryDelay = Math.min(retryDelay * 2, maxRetryMilliseconds);
}

function stopRetrying() {
  clearTimeout(retryTimer);
  retryTimer = null;
  retryDelay = firstRetryMilliseconds;
}

async function retry() {
  retryTimer = null;
  try {
    if (await Blazor.reconnect()) {
      stopRetrying();
      setState('connected');
      return;
    }
  } catch {
    scheduleRetry(); // the server is still unreachable
    return;
  }

  await resumeOrReload(); // the server answered, the circuit is gone
}

async function resumeOrReload() {
  try {
    if (await Blazor.resumeCircuit()) {
      stopRetrying();
      setState('connected');
      return;
    }
  } catch {
    // fall through: reload
  }

  setState('reloading');
  location.reload();
}
