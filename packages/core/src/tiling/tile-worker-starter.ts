/**
 * Where a browser's tile workers come from. Core cannot start a Web Worker by itself: a worker
 * needs a script, and where a page's script lies, whether its policy lets a worker start, and how
 * the worker finds tfjs's `.wasm` files are the page's business (the apps' UIs bundle everything
 * into one script and run it again as the worker, see @nst/browser). So a page that has checked
 * that workers start hands core a starter once, and {@link createWorkerPool} uses it outside Node.
 */
import type { TileWorkerHandle, WorkerSetup } from './tile-worker-protocol.js';

/** Starts one tile worker that will serve a pool for `setup` (see `serveTileRequests`). */
export type TileWorkerStarter = (setup: WorkerSetup) => TileWorkerHandle;

let starter: TileWorkerStarter | undefined;

/**
 * Lets `stylize`'s tiles run on workers that `start` starts, where there are no worker_threads
 * (a browser); `undefined` takes it back (tiles then run in this thread). The `workers` option
 * says how many.
 */
export function useTileWorkers(start: TileWorkerStarter | undefined): void {
  starter = start;
}

/** The starter {@link useTileWorkers} was given, if any. */
export function tileWorkerStarter(): TileWorkerStarter | undefined {
  return starter;
}
