import { loadOnnxRuntime } from '../native/onnx-runtime.js';
import { activate, type Attempt } from './attempt.js';
import type { InitBackendOptions } from './backend-options.js';
import type { NativeEngine } from './native-engine.js';
import { tryWasm } from './try-wasm.js';

/**
 * Loads ONNX Runtime's native CPU kernels (Node only, from the optional `onnxruntime-node`) and
 * activates tfjs's wasm backend, or its cpu backend, for the small tensor work around them.
 */
export async function tryNative(load?: InitBackendOptions['onnxRuntime']): Promise<Attempt & { readonly engine?: NativeEngine }> {
  const runtime = await loadOnnxRuntime(load);
  const tfjs = (await tryWasm(undefined).catch(() => ({ ok: false }) as const)).ok ? { ok: true } : await activate('cpu');
  if (!tfjs.ok) return { ok: false, reason: 'neither tfjs wasm nor cpu could start beside it' };
  return { ok: true, engine: { runtime, version: runtime.env.versions.common } };
}
