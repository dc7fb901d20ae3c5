/**
 * ONNX Runtime, from the optional `onnxruntime-node` npm package: native CPU kernels with threads,
 * imported only when the native engine is asked for, so that browsers' bundles and library users
 * who do not install its 288 MB never load it.
 */
import type * as Ort from 'onnxruntime-node';
import { isNode } from '../backend/environment.js';

/** The parts of `onnxruntime-node` the native engine uses. */
export type OnnxRuntime = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

let loaded: Promise<OnnxRuntime> | undefined;

/** Loads `onnxruntime-node` once; rejects with the reason it cannot run here. */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loaded ??= (async () => {
    if (!isNode) throw new Error('it runs in Node only');
    const specifier = 'onnxruntime-node'; // a variable, so that browser bundlers leave this Node-only import alone
    return (await import(specifier)) as OnnxRuntime;
  })().catch((error: unknown) => {
    loaded = undefined;
    throw nativeLoadError(error);
  });
  return loaded;
}

/** Why `onnxruntime-node` did not load, and what to do. */
export function nativeLoadError(error: unknown): Error {
  if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
    return new Error("the optional 'onnxruntime-node' package is not installed; `npm install onnxruntime-node` adds it");
  }
  return new Error(`'onnxruntime-node' did not load: ${error instanceof Error ? error.message : String(error)}`);
}
