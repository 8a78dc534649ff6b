import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * A signal that fires when the client goes away before its response is complete (closed the
 * connection, timed out, was killed), so the work done for it can stop. The response's `close`
 * is the event to watch: the request's own `close` also comes once its body has been read.
 */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // Every vendor call of the request listens to it, and a request's calls all go out at once.
  setMaxListeners(0, controller.signal);
  const abortUnlessAnswered = () => {
    if (!res.writableFinished) controller.abort(new Error('the client went away before its response was complete'));
  };
  if (res.closed) abortUnlessAnswered();
  else res.once('close', abortUnlessAnswered);
  return controller.signal;
}
