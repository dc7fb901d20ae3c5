/**
 * A {@link TileExecutor} over running workers, whatever starts them: tiles go to workers by index
 * (tile i to worker i mod n), so that a tile's cached content target is always where it runs
 * next, and only tile pixels, gradients, sums and Grams cross (moved, not copied).
 */
import { WorkerError } from '../errors.js';
import type { TileExecutor } from './tile-executor.js';
import type { BackwardRequest, BackwardResult, ForwardRequest, ForwardResult } from './tile-runner.js';
import type { TileWorkerHandle, WorkerRequest } from './tile-worker-protocol.js';

/** Runs tiles on `workers`, two in flight each; a worker that fails fails its requests and every later one. */
export class WorkerPool implements TileExecutor {
  readonly concurrency: number;
  readonly #workers: readonly TileWorkerHandle[];
  readonly #pending = new Map<number, { worker: number; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failed: Error | undefined;

  constructor(workers: readonly TileWorkerHandle[]) {
    this.#workers = workers;
    // Two tiles a worker in flight: one running, one waiting, so no worker idles and no more
    // than that many crops and gradients are held at once (all tiles of a 4096 px image would be
    // another copy of it).
    this.concurrency = 2 * workers.length;
    workers.forEach((worker, index) => {
      worker.onReply((reply) => {
        const pending = this.#pending.get(reply.id);
        if (pending === undefined) return;
        this.#pending.delete(reply.id);
        if (reply.ok) pending.resolve(reply.result);
        else pending.reject(Object.assign(new WorkerError(reply.message), { name: reply.name }));
      });
      worker.onFailure((error) => {
        this.#failed ??= error;
        for (const [id, pending] of this.#pending) {
          if (pending.worker !== index) continue;
          this.#pending.delete(id);
          pending.reject(error);
        }
      });
    });
  }

  #send<T>(worker: number, message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
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
