/**
 * Tiles on every core: a pool of worker_threads, each with its own tfjs instance (wasm by default:
 * in Node tfjs's wasm backend is single-threaded, so one process uses one core). Only tile pixels,
 * gradients, sums and Grams cross. Tiles go to workers by index (tile i to worker i mod n), so a
 * tile's cached content target is always where it runs next (see worker-pool.ts). In a browser
 * the workers are Web Workers, started by the starter a page gave `useTileWorkers`; without
 * one (or for a network whose preprocessing cannot be sent) {@link createWorkerPool} returns
 * undefined and tiles run in-thread.
 */
import type { ConvNet } from '../networks/conv-net.js';
import { isNode } from '../backend/environment.js';
import { WorkerError } from '../errors.js';
import { caffePreprocess, imagenetPreprocess } from '../networks/preprocess.js';
import type { TileExecutor } from './tile-executor.js';
import type { TileWorkerHandle, WorkerReply, WorkerSetup } from './tile-worker-protocol.js';
import { tileWorkerStarter } from './tile-worker-starter.js';
import { WorkerPool } from './worker-pool.js';

interface NodeWorker {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (reply: WorkerReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (script: URL | string, options: { workerData: unknown; eval?: boolean }) => NodeWorker;

/** A worker_threads worker as a {@link WorkerPool} drives it. */
const nodeHandle = (worker: NodeWorker): TileWorkerHandle => ({
  postMessage: (message, transfer) => worker.postMessage(message, transfer),
  onReply: (listener) => worker.on('message', listener),
  onFailure: (listener) => {
    worker.on('error', listener);
    worker.on('exit', (code) => listener(new WorkerError(`A tile worker stopped (exit code ${code}).`)));
  },
  terminate: async () => {
    await worker.terminate();
  },
});

/** The spec of `network` as it can be posted, or undefined when its preprocessing is not one a worker knows. */
function postableSpec(network: ConvNet): WorkerSetup['spec'] | undefined {
  const { preprocess, ...spec } = network.spec;
  const named = preprocess === imagenetPreprocess ? 'imagenet' : preprocess === caffePreprocess ? 'caffe' : undefined;
  return named === undefined ? undefined : { ...spec, preprocess: named };
}

/**
 * A pool of `workers` worker_threads (in a browser: Web Workers from `useTileWorkers`'s
 * starter) running tiles for `network` on `backend`, or undefined where there are neither or the
 * network cannot be sent to a worker. Crops the
 * caller passes are transferred (detached) to the worker.
 */
export async function createWorkerPool(
  network: ConvNet,
  { workers, backend = 'wasm', cacheBytes }: { workers: number; backend?: 'wasm' | 'cpu'; cacheBytes?: number },
): Promise<TileExecutor | undefined> {
  const spec = postableSpec(network);
  if (spec === undefined || workers < 1) return undefined;
  const setup: WorkerSetup = { spec, backend, ...(cacheBytes === undefined ? {} : { cacheBytes }) };
  if (!isNode) {
    const start = tileWorkerStarter();
    return start === undefined ? undefined : new WorkerPool(Array.from({ length: workers }, () => start(setup)));
  }
  // Variables, so that browser bundlers leave these Node-only imports alone.
  const [threads, script] = ['node:worker_threads', './tile-worker-script.js'];
  const { Worker } = (await import(threads)) as { Worker: WorkerConstructor };
  const { url, fromSource } = ((await import(script)) as typeof import('./tile-worker-script.js')).tileWorkerScript();
  // From source the worker needs tsx's loader, which it does not inherit from `node --import tsx`.
  const start = fromSource
    ? () =>
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, {
          eval: true,
          workerData: setup,
        })
    : () => new Worker(url, { workerData: setup });
  return new WorkerPool(Array.from({ length: workers }, () => nodeHandle(start())));
}
