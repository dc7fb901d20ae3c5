/**
 * Tile workers in a browser, page side: Web Workers as core's pool drives them. Whether a worker
 * may start at all is the page's policy's call (a Content-Security-Policy may refuse `blob:` or
 * any worker), so a page first {@link probeTileWorker}s once, and only then hands
 * {@link webTileWorkers} to `useTileWorkers`. Each worker's script must call
 * `serveTilesInWorker`; what it needs for tfjs's wasm (`init`) is the page's to send.
 */
import { messageOf, WorkerError } from '../errors.js';
import type { TileWorkerHandle, WorkerReply } from './tile-worker-protocol.js';
import type { TileWorkerStarter } from './tile-worker-starter.js';
import { PROBED, type PageToTileWorker } from './web-tile-worker-messages.js';

/** What {@link probeTileWorker} says when the page's Content-Security-Policy refused the worker. */
export const BLOCKED_BY_POLICY = "workers blocked by the page's policy";

/**
 * Starts one worker with `start` and waits for its answer to a probe: undefined when it answered,
 * else why not ({@link BLOCKED_BY_POLICY} when the policy refused it). The worker is ended either way.
 */
export function probeTileWorker(start: () => Worker, timeoutMs = 30_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    let worker: Worker | undefined;
    let blocked = false;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('blob') || /worker|script/.test(event.effectiveDirective)) blocked = true;
    };
    const settle = (reason: string | undefined) => {
      clearTimeout(timer);
      globalThis.document?.removeEventListener('securitypolicyviolation', onViolation);
      worker?.terminate();
      resolve(reason);
    };
    globalThis.document?.addEventListener('securitypolicyviolation', onViolation);
    const timer = setTimeout(() => settle(blocked ? BLOCKED_BY_POLICY : `no worker answered within ${timeoutMs / 1000} s`), timeoutMs);
    try {
      worker = start();
    } catch (error) {
      settle(error instanceof DOMException && error.name === 'SecurityError' ? BLOCKED_BY_POLICY : `no worker: ${messageOf(error)}`);
      return;
    }
    worker.addEventListener('message', (event) => event.data === PROBED && settle(undefined));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // The policy's violation event may come just after the worker's error.
      setTimeout(() => settle(blocked ? BLOCKED_BY_POLICY : `a worker did not start${event.message ? ` (${event.message})` : ''}`), 50);
    });
    worker.postMessage({ nst: 'probe' } satisfies PageToTileWorker);
  });
}

/** Whether `data` is one of core's tile replies. */
const isReply = (data: unknown): data is WorkerReply => typeof data === 'object' && data !== null && 'id' in data && 'ok' in data;

/**
 * A starter for `useTileWorkers`: each worker from `start`, sent its pool's set-up and `init`
 * (structured-cloned: wasm URLs, or bytes).
 */
export function webTileWorkers<I>(start: () => Worker, init: I): TileWorkerStarter {
  return (setup): TileWorkerHandle => {
    const worker = start();
    worker.postMessage({ nst: 'setup', setup, init } satisfies PageToTileWorker<I>);
    return {
      postMessage: (message, transfer) => worker.postMessage({ nst: 'tile', message } satisfies PageToTileWorker, [...transfer]),
      onReply: (listener) => worker.addEventListener('message', (event) => isReply(event.data) && listener(event.data)),
      onFailure: (listener) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          listener(new WorkerError(`A tile worker failed: ${event.message || 'no reason given'}.`));
        });
        worker.addEventListener('messageerror', () => listener(new WorkerError('A tile worker sent a message that could not be read.')));
      },
      terminate: () => {
        worker.terminate();
        return Promise.resolve();
      },
    };
  };
}
