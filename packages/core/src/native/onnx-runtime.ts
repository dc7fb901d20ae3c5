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

/**
 * Loads `onnxruntime-node` once, as @nst/core resolves it, or through `load` (an app that depends
 * on it, whose own node_modules hold it: a global install keeps @nst/core and the CLI apart);
 * rejects with the reason it cannot run here.
 */
export function loadOnnxRuntime(load?: () => Promise<unknown>): Promise<OnnxRuntime> {
  if (load !== undefined) {
    return load().then(
      (module) => {
        if (!isOnnxRuntime(module))
          throw new Error(
            "what was given as onnxruntime-node has no InferenceSession, Tensor and env: pass () => import('onnxruntime-node')",
          );
        return module;
      },
      (error: unknown) => Promise.reject(nativeLoadError(error)),
    );
  }
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

/** Whether `module` looks like `onnxruntime-node`: an `InferenceSession` to create, a `Tensor` and an `env`. */
function isOnnxRuntime(module: unknown): module is OnnxRuntime {
  const m = module as { InferenceSession?: { create?: unknown }; Tensor?: unknown; env?: unknown } | null;
  return typeof m?.InferenceSession?.create === 'function' && typeof m.Tensor === 'function' && typeof m.env === 'object';
}

/** Why `onnxruntime-node` did not load, and what to do. */
export function nativeLoadError(error: unknown): Error {
  if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
    return new Error("the optional 'onnxruntime-node' package is not installed; `npm install onnxruntime-node` adds it");
  }
  return new Error(`'onnxruntime-node' did not load: ${error instanceof Error ? error.message : String(error)}`);
}
