/**
 * Tiles on every core: a pool of worker_threads, each with its own tfjs instance (wasm by default:
 * in Node tfjs's wasm backend is single-threaded, so one process uses one core). Only tile pixels,
 * gradients, sums and Grams cross. Tiles go to workers by index (tile i to worker i mod n), so a
 * tile's cached content target is always where it runs next. Node only: elsewhere (browsers, a
 * network whose preprocessing cannot be sent) {@link createWorkerPool} returns undefined and tiles
 * run in-thread.
 */
import { ConvNet, type ConvNetSpec } from '../networks/conv-net.js';
import { isNode } from '../backend/environment.js';
import { WorkerError } from '../errors.js';
import { caffePreprocess, imagenetPreprocess } from '../networks/preprocess.js';
import type { TileExecutor } from './tile-executor.js';
import type { BackwardRequest, BackwardResult, ForwardRequest, ForwardResult } from './tile-runner.js';

/** What a worker is started with: the network's spec with its preprocessing named. */
export interface WorkerSetup {
  readonly spec: Omit<ConvNetSpec, 'preprocess'> & { readonly preprocess: 'imagenet' | 'caffe' };
  readonly backend: 'wasm' | 'cpu';
  readonly cacheBytes?: number;
}

type Request =
  | { readonly kind: 'forward'; readonly request: ForwardRequest }
  | { readonly kind: 'backward'; readonly request: BackwardRequest }
  | { readonly kind: 'clear'; readonly prefix?: string };

/** A request to a worker. */
export type WorkerMessage = Request & { readonly id: number };

/** A worker's answer. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: ForwardResult | BackwardResult | undefined }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

interface NodeWorker {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (reply: WorkerReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
  unref(): void;
}
type WorkerConstructor = new (script: URL | string, options: { workerData: unknown; eval?: boolean }) => NodeWorker;

/** The spec of `network` as it can be posted, or undefined when its preprocessing is not one a worker knows. */
function postableSpec(network: ConvNet): WorkerSetup['spec'] | undefined {
  const { preprocess, ...spec } = network.spec;
  const named = preprocess === imagenetPreprocess ? 'imagenet' : preprocess === caffePreprocess ? 'caffe' : undefined;
  return named === undefined ? undefined : { ...spec, preprocess: named };
}

class WorkerPool implements TileExecutor {
  readonly concurrency: number;
  readonly #workers: NodeWorker[];
  readonly #pending = new Map<number, { worker: number; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failed: Error | undefined;

  constructor(workers: NodeWorker[]) {
    this.#workers = workers;
    // Two tiles a worker in flight: one running, one waiting, so no worker idles and no more
    // than that many crops and gradients are held at once (all tiles of a 4096 px image would be
    // another copy of it).
    this.concurrency = 2 * workers.length;
    workers.forEach((worker, index) => {
      worker.on('message', (reply) => {
        const pending = this.#pending.get(reply.id);
        if (pending === undefined) return;
        this.#pending.delete(reply.id);
        if (reply.ok) pending.resolve(reply.result);
        else pending.reject(Object.assign(new WorkerError(reply.message), { name: reply.name }));
      });
      const fail = (error: Error) => {
        this.#failed ??= error;
        for (const [id, pending] of this.#pending) {
          if (pending.worker !== index) continue;
          this.#pending.delete(id);
          pending.reject(error);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new WorkerError(`A tile worker stopped (exit code ${code}).`)));
    });
  }

  #send<T>(worker: number, message: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { worker, resolve: resolve as (value: unknown) => void, reject });
      try {
        this.#workers[worker]!.postMessage({ ...message, id }, transfer);
      } catch (error) {
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  forward(request: ForwardRequest, affinity: number): Promise<ForwardResult> {
    return this.#send(affinity % this.#workers.length, { kind: 'forward', request }, [request.pixels.buffer as ArrayBuffer]);
  }

  backward(request: BackwardRequest, affinity: number): Promise<BackwardResult> {
    const transfer = [
      request.pixels.buffer,
      ...(request.contentPixels === undefined ? [] : [request.contentPixels.buffer]),
    ] as ArrayBuffer[];
    return this.#send(affinity % this.#workers.length, { kind: 'backward', request }, transfer);
  }

  async clear(prefix?: string): Promise<void> {
    if (this.#failed !== undefined) return;
    await Promise.all(this.#workers.map((_, i) => this.#send(i, { kind: 'clear', ...(prefix === undefined ? {} : { prefix }) })));
  }

  async dispose(): Promise<void> {
    this.#failed ??= new WorkerError('The tile pool was closed.');
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/**
 * A pool of `workers` worker_threads running tiles for `network` on `backend`, or undefined where
 * there are no worker_threads (browsers) or the network cannot be sent to a worker. Crops the
 * caller passes are transferred (detached) to the worker.
 */
export async function createWorkerPool(
  network: ConvNet,
  { workers, backend = 'wasm', cacheBytes }: { workers: number; backend?: 'wasm' | 'cpu'; cacheBytes?: number },
): Promise<TileExecutor | undefined> {
  const spec = postableSpec(network);
  if (!isNode || spec === undefined || workers < 1) return undefined;
  // Variables, so that browser bundlers leave these Node-only imports alone.
  const [threads, script] = ['node:worker_threads', './tile-worker-script.js'];
  const { Worker } = (await import(threads)) as { Worker: WorkerConstructor };
  const { url, fromSource } = ((await import(script)) as typeof import('./tile-worker-script.js')).tileWorkerScript();
  const setup: WorkerSetup = { spec, backend, ...(cacheBytes === undefined ? {} : { cacheBytes }) };
  // From source the worker needs tsx's loader, which it does not inherit from `node --import tsx`.
  const start = fromSource
    ? () =>
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, {
          eval: true,
          workerData: setup,
        })
    : () => new Worker(url, { workerData: setup });
  return new WorkerPool(Array.from({ length: workers }, start));
}
