/**
 * The page's own script, run again as a tile worker. The apps' UIs are one bundle each (Figma's
 * is inlined into ui.html and may load no other file), so the worker is that same bundle started
 * from a `blob:` URL: its entry calls {@link startPageOrTileWorker}, which in a worker answers
 * tile requests with core's `serveTilesInWorker` and never touches the page's code.
 */
import { isTileWorkerScope, serveTilesInWorker } from '@nst/core';
import { inMemoryWasmPaths, type WasmBinaries } from './wasm-binaries.js';

/**
 * The entry of a bundle that is both a page and its tile workers: in a worker, serve tiles (the
 * page sends the wasm binaries, see tile-workers.ts); in the page, run `page` (an `import()` of
 * the page's module, so that none of its code runs in a worker).
 */
export function startPageOrTileWorker(page: () => Promise<unknown>): void {
  const scope: object = globalThis;
  if (isTileWorkerScope(scope)) serveTilesInWorker(scope, (wasm: WasmBinaries) => inMemoryWasmPaths(wasm));
  else void page();
}
