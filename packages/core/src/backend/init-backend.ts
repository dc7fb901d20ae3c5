/**
 * The one place that chooses the tfjs backend. Everything else in @nst/core runs on whatever
 * backend is active, so apps call {@link initBackend} once at start-up and show its report.
 *
 * The order is WebGPU → WebGL → native → wasm → cpu. WebGPU comes from `navigator.gpu` in a browser and
 * from Dawn (the optional `webgpu` npm package) in Node, where tfjs finds no GPU by itself. With
 * `backend: 'auto'` a software GPU (llvmpipe, SwiftShader) is passed over, because the CPU
 * engines are faster than a rasteriser emulated on the CPU; naming the backend forces it.
 * 'native' is not a tfjs backend but an engine beside one: in Node, with the optional
 * `onnxruntime-node` installed, stylize's objective runs on ONNX Runtime's native kernels on every
 * core, with tfjs's wasm backend for the small tensor work around it (native-engine.ts).
 *
 * This file is the policy (the order, forcing, the report); each backend's attempt has its own
 * file, as tfjs has a package per backend: try-webgpu.ts (with dawn-sources.ts for Node),
 * try-webgl.ts, try-native.ts, try-wasm.ts; environment.ts says where we run.
 */
import { BackendUnavailableError, messageOf } from '../errors.js';
import { activate, type Attempt } from './attempt.js';
import { tryWasm } from './try-wasm.js';
import { tryWebGl } from './try-webgl.js';
import { tryWebGpu } from './try-webgpu.js';
import { tryNative } from './try-native.js';
import { isNode } from './environment.js';
import { type NativeEngine, setNativeEngine } from './native-engine.js';
import type { AdapterSummary } from './webgpu-adapter.js';
import type { BackendName, InitBackendOptions } from './backend-options.js';
import { BACKENDS } from './backend-options.js';

export { BACKENDS, type BackendName, type InitBackendOptions } from './backend-options.js';

/** A backend that was not used, and why. */
export interface SkippedBackend {
  readonly backend: BackendName;
  readonly reason: string;
}

/** What {@link initBackend} chose. */
export interface BackendReport {
  readonly backend: BackendName;
  /** The WebGPU adapter, when `backend` is `'webgpu'`. */
  readonly adapter?: AdapterSummary;
  /** The native engine, when `backend` is `'native'`: ONNX Runtime's version. */
  readonly native?: { readonly runtime: 'onnxruntime-node'; readonly version: string };
  /** The better backends that were skipped, with the reason for each. */
  readonly skipped: readonly SkippedBackend[];
}

function attempt(name: BackendName, options: InitBackendOptions, forced: boolean): Promise<Attempt & { engine?: NativeEngine }> {
  const allowSoftware = forced || options.allowSoftwareGpu === true;
  const run = async (): Promise<Attempt & { engine?: NativeEngine }> => {
    switch (name) {
      case 'webgpu':
        return tryWebGpu(options, allowSoftware);
      case 'webgl':
        return tryWebGl(allowSoftware);
      case 'native':
        return tryNative(options.onnxRuntime);
      case 'wasm':
        return tryWasm(options.wasmPaths);
      case 'cpu':
        return activate('cpu');
    }
  };
  return run().catch((error: unknown) => ({ ok: false, reason: messageOf(error) }));
}

/**
 * Chooses, initialises and activates the backend: the first of WebGPU → WebGL → native → wasm →
 * cpu that runs here, or the one named in `options.backend`. Safe to call again to switch.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const requested = options.backend ?? 'auto';
  if (requested !== 'auto' && !(BACKENDS as readonly string[]).includes(requested)) {
    throw new BackendUnavailableError(`Unknown backend '${String(requested)}'; choose one of auto, ${BACKENDS.join(', ')}.`);
  }
  // Outside Node there is no native engine to try, nor to report as skipped.
  const order = requested === 'auto' ? BACKENDS.filter((b) => b !== 'native' || isNode) : [requested];
  const skipped: SkippedBackend[] = [];
  for (const backend of order) {
    const result = await attempt(backend, options, requested !== 'auto');
    if (result.ok) {
      setNativeEngine(result.engine);
      if (result.engine !== undefined) return { backend, native: { runtime: 'onnxruntime-node', version: result.engine.version }, skipped };
      return result.adapter !== undefined ? { backend, adapter: result.adapter, skipped } : { backend, skipped };
    }
    skipped.push({ backend, reason: result.reason });
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new BackendUnavailableError(
    requested === 'auto'
      ? `No tfjs backend could start here (${why}).`
      : `The ${requested} backend cannot run here: ${why}. Use backend 'auto' to fall back to one that can.`,
  );
}
