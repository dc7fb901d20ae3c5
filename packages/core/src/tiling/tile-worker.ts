/**
 * The script of one worker of a {@link createWorkerPool} pool in Node: worker_threads' port and
 * `workerData` adapted to {@link serveTileRequests}.
 */
import { serveTileRequests } from './serve-tile-requests.js';
import type { WorkerMessage, WorkerReply, WorkerSetup } from './tile-worker-protocol.js';

interface Port {
  on(event: 'message', listener: (message: WorkerMessage) => void): void;
  postMessage(reply: WorkerReply, transfer?: readonly ArrayBuffer[]): void;
}
const specifier = 'node:worker_threads'; // typed here: @nst/core builds without Node's types
const { parentPort: port, workerData } = (await import(specifier)) as { parentPort: Port | null; workerData: unknown };
if (port === null) throw new Error('tile-worker.ts runs as a worker_threads Worker, not on its own.');

serveTileRequests(
  { onRequest: (listener) => port.on('message', listener), postReply: (reply, transfer) => port.postMessage(reply, transfer) },
  workerData as WorkerSetup,
);
