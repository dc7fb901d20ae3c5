/**
 * The body of one worker of a {@link createWorkerPool} pool: its own tfjs on its own backend
 * (wasm by default), the network rebuilt from the spec it was sent, and a {@link TileRunner}.
 * Requests are answered one at a time, in order.
 */
import { ConvNet } from '../networks/conv-net.js';
import { initBackend } from '../backend/init-backend.js';
import { messageOf } from '../errors.js';
import { caffePreprocess, imagenetPreprocess } from '../networks/preprocess.js';
import type { WorkerMessage, WorkerReply, WorkerSetup } from './tile-pool.js';
import { TileRunner } from './tile-runner.js';

interface Port {
  on(event: 'message', listener: (message: WorkerMessage) => void): void;
  postMessage(reply: WorkerReply, transfer?: readonly ArrayBuffer[]): void;
}
const specifier = 'node:worker_threads'; // typed here: @nst/core builds without Node's types
const { parentPort: port, workerData } = (await import(specifier)) as { parentPort: Port | null; workerData: unknown };
const setup = workerData as WorkerSetup;
if (port === null) throw new Error('tile-worker.ts runs as a worker_threads Worker, not on its own.');

const ready = (async () => {
  await initBackend({ backend: setup.backend });
  const { preprocess, ...spec } = setup.spec;
  const network = new ConvNet({ ...spec, preprocess: preprocess === 'caffe' ? caffePreprocess : imagenetPreprocess });
  return new TileRunner(network, setup.cacheBytes);
})();

let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: WorkerMessage) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const runner = await ready;
      switch (message.kind) {
        case 'forward':
          reply = { id: message.id, ok: true, result: await runner.forward(message.request) };
          break;
        case 'backward': {
          const result = await runner.backward(message.request);
          reply = { id: message.id, ok: true, result };
          // Moved, not copied: the runner keeps nothing of it (a tile's gradient, ~1 MB a tile an iteration).
          const { buffer } = result.gradient;
          if (buffer instanceof ArrayBuffer && buffer.byteLength === result.gradient.byteLength) transfer = [buffer];
          break;
        }
        case 'clear':
          runner.clear(message.prefix);
          reply = { id: message.id, ok: true, result: undefined };
          break;
      }
    } catch (error) {
      reply = { id: message.id, ok: false, name: error instanceof Error ? error.name : 'Error', message: messageOf(error) };
    }
    port.postMessage(reply, transfer);
  });
});
