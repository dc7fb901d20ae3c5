/**
 * What a page says to its tile Web Workers around the tile requests (`WorkerMessage`): a probe,
 * answered as soon as the worker's script has run (so the page knows that its policy let the
 * worker start), the set-up of a pool's worker with what it needs to find tfjs's wasm (`init`:
 * URLs, or the binaries themselves, as the page decides), and the requests, wrapped. One union
 * for both sides, checked on arrival.
 */
import type { WorkerMessage, WorkerSetup } from './tile-worker-protocol.js';

/** A page's messages to a tile worker; `I` is what the page sends for the worker's wasm. */
export type PageToTileWorker<I = unknown> =
  | { readonly nst: 'probe' }
  | { readonly nst: 'setup'; readonly setup: WorkerSetup; readonly init: I }
  | { readonly nst: 'tile'; readonly message: WorkerMessage };

/** A tile worker's answer to a probe (its tile replies are core's `WorkerReply`, wrapped). */
export const PROBED = 'nst-tile-worker-probed';

const KINDS = new Set(['probe', 'setup', 'tile']);

/** `data` as a {@link PageToTileWorker}, or undefined when it is not one (then it is ignored). */
export function parsePageToTileWorker(data: unknown): PageToTileWorker | undefined {
  if (typeof data !== 'object' || data === null || !('nst' in data) || typeof data.nst !== 'string' || !KINDS.has(data.nst))
    return undefined;
  if (data.nst === 'setup' && !('setup' in data && 'init' in data)) return undefined;
  if (data.nst === 'tile' && !('message' in data && typeof data.message === 'object' && data.message !== null)) return undefined;
  return data as PageToTileWorker;
}
