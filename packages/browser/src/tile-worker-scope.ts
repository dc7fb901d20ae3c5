/**
 * The page's own script, run again as a tile worker. The apps' UIs are one bundle each (Figma's
 * is inlined into ui.html and may load no other file), so the worker is that same bundle started
 * from a `blob:` URL: its entry calls {@link startPageOrTileWorker}, which in a worker answers
 * tile requests with core's `serveTileRequests` and never touches the page's code.
 */
import { serveTileRequests, tf, type WorkerMessage } from '@nst/core';
import { parsePageToTileWorker, PROBED } from './tile-worker-messages.js';
import { inMemoryWasmPaths } from './wasm-binaries.js';

/** The part of a dedicated worker's global scope used here. */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: unknown, transfer: readonly ArrayBuffer[]): void;
  fetch: typeof fetch;
}

/** Whether `scope` (this script's global scope) is a dedicated worker's rather than a page's. */
export function isWorkerScope(scope: object): scope is WorkerScope {
  return typeof document === 'undefined' && 'WorkerGlobalScope' in scope && 'postMessage' in scope && 'fetch' in scope;
}

/** Serves a tile pool from this worker: probes answered, then one set-up, then core's tile requests. */
function serveTiles(scope: WorkerScope): void {
  const requests: ((message: WorkerMessage) => void)[] = [];
  scope.addEventListener('message', (event) => {
    const message = parsePageToTileWorker(event.data);
    if (message?.nst === 'probe') scope.postMessage(PROBED, []);
    else if (message?.nst === 'tile') requests.forEach((listener) => listener(message.message));
    else if (message?.nst === 'setup') {
      // Not cross-origin isolated, like the page: tfjs's threaded wasm cannot start here either.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      const port = {
        onRequest: (listener: (m: WorkerMessage) => void) => requests.push(listener),
        postReply: (reply: unknown, transfer: readonly ArrayBuffer[]) => scope.postMessage(reply, transfer),
      };
      serveTileRequests(port, message.setup, inMemoryWasmPaths(message.wasm, scope));
    }
  });
}

/**
 * The entry of a bundle that is both a page and its tile workers: in a worker, serve tiles;
 * in the page, run `page` (an `import()` of the page's module, so that none of its code runs in
 * a worker).
 */
export function startPageOrTileWorker(page: () => Promise<unknown>): void {
  const scope: object = globalThis;
  if (isWorkerScope(scope)) serveTiles(scope);
  else void page();
}
