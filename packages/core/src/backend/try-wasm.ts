import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { activate, type Attempt } from './attempt.js';
import type { InitBackendOptions } from './backend-options.js';

/** Activates tfjs's wasm backend, its `.wasm` files served from `wasmPaths` when given (before its first start). */
export async function tryWasm(wasmPaths: InitBackendOptions['wasmPaths']): Promise<Attempt> {
  if (wasmPaths !== undefined && tf.findBackend('wasm') === null) setWasmPaths(wasmPaths);
  return activate('wasm', "its .wasm file did not load (check wasmPaths and a CSP allowing 'wasm-unsafe-eval')");
}
