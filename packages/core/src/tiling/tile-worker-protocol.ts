/**
 * What crosses between a pool of tile workers and each worker, whatever kind of worker it is
 * (Node's worker_threads or a browser's Web Workers): the set-up a worker starts with, the
 * requests it is sent, its replies, and the narrow view of a worker the pool drives. One
 * definition for both sides, so that the pool and the workers cannot drift apart.
 */
import type { ConvNetSpec } from '../networks/conv-net.js';
import type { BackwardRequest, BackwardResult, ForwardRequest, ForwardResult } from './tile-runner.js';

/** What a worker is started with: the network's spec with its preprocessing named. */
export interface WorkerSetup {
  readonly spec: Omit<ConvNetSpec, 'preprocess'> & { readonly preprocess: 'imagenet' | 'caffe' };
  readonly backend: 'wasm' | 'cpu';
  readonly cacheBytes?: number;
}

/** A request to a worker, without its id. */
export type WorkerRequest =
  | { readonly kind: 'forward'; readonly request: ForwardRequest }
  | { readonly kind: 'backward'; readonly request: BackwardRequest }
  | { readonly kind: 'clear'; readonly prefix?: string };

/** A request to a worker. */
export type WorkerMessage = WorkerRequest & { readonly id: number };

/** A worker's answer. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: ForwardResult | BackwardResult | undefined }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

/**
 * One running worker as a pool sees it: a Node worker_threads `Worker` or a browser `Worker`,
 * adapted. A failure is anything that ends the worker (an uncaught error, an exit).
 */
export interface TileWorkerHandle {
  /** Sends a request, moving the buffers in `transfer`. */
  postMessage(message: WorkerMessage, transfer: readonly ArrayBuffer[]): void;
  /** Calls `listener` with each reply. */
  onReply(listener: (reply: WorkerReply) => void): void;
  /** Calls `listener` when the worker fails or ends on its own. */
  onFailure(listener: (error: Error) => void): void;
  /** Ends the worker. */
  terminate(): Promise<void>;
}

/** Where a worker reads its requests and posts its replies (`parentPort` in Node, the worker's global scope in a browser). */
export interface TileRequestPort {
  /** Calls `listener` with each request. */
  onRequest(listener: (message: WorkerMessage) => void): void;
  /** Answers, moving the buffers in `transfer`. */
  postReply(reply: WorkerReply, transfer: readonly ArrayBuffer[]): void;
}
