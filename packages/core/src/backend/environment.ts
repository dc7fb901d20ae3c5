/**
 * Where @nst/core is running, sniffed once: the backends on offer depend on it (Dawn only in
 * Node, WebGL only in a browser), and bundlers for either must not see the other's imports.
 */

/** The parts of Node's `process` the backend attempts read and set. */
export interface NodeProcess {
  readonly versions?: { readonly node?: string };
  readonly env: Record<string, string | undefined>;
}

/** Node's `process`, or undefined elsewhere. */
export const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** True in Node (and in Node's worker_threads). */
export const isNode = typeof nodeProcess?.versions?.node === 'string';

/** True in a browser's window or worker: a DOM or an `OffscreenCanvas`, and not Node. */
export const isBrowser = !isNode && (typeof document !== 'undefined' || typeof OffscreenCanvas !== 'undefined');
