/**
 * Tile workers in a browser, worker side: a dedicated worker's global scope adapted to
 * {@link serveTileRequests}, speaking {@link PageToTileWorker} with the page's `webTileWorkers`.
 */
import * as tf from '@tensorflow/tfjs';
import type { InitBackendOptions } from '../backend/init-backend.js';
import { serveTileRequests } from './serve-tile-requests.js';
import type { WorkerMessage } from './tile-worker-protocol.js';
import { parsePageToTileWorker, PROBED } from './web-tile-worker-messages.js';

/** The part of a dedicated worker's global scope a tile worker uses. */
export interface TileWorkerScope {
  /** Calls `listener` with each message from the page. */
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  /** Posts to the page, moving the buffers in `transfer`. */
  postMessage(message: unknown, transfer: readonly ArrayBuffer[]): void;
}

/** Whether `scope` (a script's global scope) is a dedicated worker's rather than a page's. */
export function isTileWorkerScope(scope: object): scope is TileWorkerScope {
  return !('document' in scope) && 'WorkerGlobalScope' in scope && 'postMessage' in scope && 'addEventListener' in scope;
}

/**
 * Serves a tile pool from this worker: probes answered, then one set-up, then core's tile
 * requests. `wasmPaths` turns the page's `init` into where tfjs finds its `.wasm` files.
 */
export function serveTilesInWorker<I>(scope: TileWorkerScope, wasmPaths: (init: I) => InitBackendOptions['wasmPaths']): void {
  const requests: ((message: WorkerMessage) => void)[] = [];
  scope.addEventListener('message', (event) => {
    const message = parsePageToTileWorker(event.data);
    if (message?.nst === 'probe') scope.postMessage(PROBED, []);
    else if (message?.nst === 'tile') requests.forEach((listener) => listener(message.message));
    else if (message?.nst === 'setup') {
      // A page's worker is not cross-origin isolated either: tfjs's threaded wasm cannot start.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      const port = {
        onRequest: (listener: (m: WorkerMessage) => void) => requests.push(listener),
        postReply: (reply: unknown, transfer: readonly ArrayBuffer[]) => scope.postMessage(reply, transfer),
      };
      serveTileRequests(port, message.setup, wasmPaths(message.init as I));
    }
  });
}
