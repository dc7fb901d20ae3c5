/**
 * The body of every tile worker, Node's or a browser's: its own tfjs on its own backend (wasm by
 * default), the network rebuilt from the spec it was sent, and a {@link TileRunner}. Requests
 * are answered one at a time, in order; a failure is answered as an error under its name.
 */
import { ConvNet } from '../networks/conv-net.js';
import { initBackend, type InitBackendOptions } from '../backend/init-backend.js';
import { messageOf } from '../errors.js';
import { caffePreprocess, imagenetPreprocess } from '../networks/preprocess.js';
import type { TileRequestPort, WorkerReply, WorkerSetup } from './tile-worker-protocol.js';
import { TileRunner } from './tile-runner.js';

/**
 * Answers the requests arriving on `port` for a pool that sent `setup`; `wasmPaths` tells tfjs
 * where this worker finds its `.wasm` files (a browser worker has no files beside it).
 */
export function serveTileRequests(port: TileRequestPort, setup: WorkerSetup, wasmPaths?: InitBackendOptions['wasmPaths']): void {
  const ready = (async () => {
    await initBackend({ backend: setup.backend, ...(wasmPaths === undefined ? {} : { wasmPaths }) });
    const { preprocess, ...spec } = setup.spec;
    const network = new ConvNet({ ...spec, preprocess: preprocess === 'caffe' ? caffePreprocess : imagenetPreprocess });
    return new TileRunner(network, setup.cacheBytes);
  })();
  let queue: Promise<unknown> = Promise.resolve();
  port.onRequest((message) => {
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
      port.postReply(reply, transfer);
    });
  });
}
