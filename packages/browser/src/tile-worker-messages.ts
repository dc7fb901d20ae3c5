/**
 * What a page says to its tile Web Workers before core's tile requests (`WorkerMessage`) begin:
 * a probe, answered as soon as the worker's script has run (so the page knows that its policy let
 * the worker start), and the set-up of a pool's worker with the wasm binaries it cannot fetch.
 * One union for both sides, checked on arrival.
 */
import type { WorkerMessage, WorkerSetup } from '@nst/core';
import type { WasmBinaries } from './wasm-binaries.js';

/** A page's messages to a tile worker. */
export type PageToTileWorker =
  | { readonly nst: 'probe' }
  | { readonly nst: 'setup'; readonly setup: WorkerSetup; readonly wasm: WasmBinaries }
  | { readonly nst: 'tile'; readonly message: WorkerMessage };

/** A tile worker's answer to a probe (its tile replies are core's `WorkerReply`, wrapped). */
export const PROBED = 'nst-tile-worker-probed';

const KINDS = new Set(['probe', 'setup', 'tile']);

/** `data` as a {@link PageToTileWorker}, or undefined when it is not one (then it is ignored). */
export function parsePageToTileWorker(data: unknown): PageToTileWorker | undefined {
  if (typeof data !== 'object' || data === null || !('nst' in data) || typeof data.nst !== 'string' || !KINDS.has(data.nst))
    return undefined;
  if (data.nst === 'setup' && !('setup' in data && 'wasm' in data)) return undefined;
  if (data.nst === 'tile' && !('message' in data && typeof data.message === 'object' && data.message !== null)) return undefined;
  return data as PageToTileWorker;
}
