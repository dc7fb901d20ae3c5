/**
 * Out-of-memory as an error, not a crash. Backends fail in their own words when memory runs out:
 * the wasm heap with "memory access out of bounds" or "Aborted()", typed arrays with "Array buffer
 * allocation failed", WebGPU with buffer sizes over the device's limits or a lost device. These are
 * recognised here and turned into an {@link OutOfMemoryError} that says what to do.
 */
import * as tf from '@tensorflow/tfjs';
import { messageOf, NstError, OutOfMemoryError, WorkerError } from '../errors.js';

const SIGNS = [
  /memory access out of bounds/i,
  /\bAborted\(/,
  /out of memory/i,
  /Array buffer allocation failed/i,
  /Cannot enlarge memory/i,
  /WebAssembly\.Memory/i,
  /Invalid (typed )?array length/i,
  /exceeds the max(imum)? buffer size/i,
  /max(imum)? ?storage ?buffer ?binding ?size/i,
  /is larger than the max/i,
  /device (was )?lost/i,
];

/** Whether `error` is a backend running out of memory. */
export function isOutOfMemory(error: unknown): boolean {
  if (error instanceof NstError && !(error instanceof WorkerError)) return false;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return SIGNS.some((sign) => sign.test(text));
}

/** What was being done when memory ran out. */
export interface MemoryContext {
  readonly width: number;
  readonly height: number;
  /** Tile size, when tiled. */
  readonly tileSize?: number;
  readonly workers?: number;
}

/**
 * `error` as an {@link OutOfMemoryError} naming the backend, the size and the remedies, when it is
 * one; else `error` itself.
 */
export function asOutOfMemory(error: unknown, context: MemoryContext): unknown {
  if (!isOutOfMemory(error)) return error;
  const backend = tf.getBackend();
  const original = messageOf(error);
  const where = `${context.width}×${context.height} px${context.tileSize === undefined ? '' : ` in tiles of ${context.tileSize} px`}`;
  const workers = (context.workers ?? 1) > 1 ? `, fewer workers (now ${context.workers})` : '';
  const wasm = backend === 'wasm' ? ' The wasm backend may be unusable after this; start again (a new process or page).' : '';
  const err = new OutOfMemoryError(
    `Out of memory on the ${backend} backend at ${where} (${original.split('\n')[0]}). ` +
      `Use a smaller size (maxSize / --size), a smaller tile size (tileSize / --tile-size)${workers}, or another backend (--backend).${wasm}`,
  );
  err.cause = error;
  return err;
}
