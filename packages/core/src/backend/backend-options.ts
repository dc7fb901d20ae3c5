/**
 * What `initBackend` can be asked for: the backends and the options. Their own module, so that
 * each backend's attempt (try-*.ts) reads the options without importing the policy that calls it.
 */
import type { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The backends @nst/core can run on, best first: tfjs's, and 'native' (ONNX Runtime in Node). */
export const BACKENDS = ['webgpu', 'webgl', 'native', 'wasm', 'cpu'] as const;

/** One of {@link BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

/** How `initBackend` chooses. */
export interface InitBackendOptions {
  /** `'auto'` (default) takes the best backend that runs here; a name forces that one or throws. */
  readonly backend?: BackendName | 'auto';
  /** Use software GPUs (llvmpipe, SwiftShader) in `'auto'` mode too. Default false. */
  readonly allowSoftwareGpu?: boolean;
  /** A `GPU` to take adapters from instead of `navigator.gpu` or Dawn. */
  readonly gpu?: GPU;
  /** Where the wasm backend's `.wasm` files are served from, for bundled apps (see tfjs's `setWasmPaths`). */
  readonly wasmPaths?: Parameters<typeof setWasmPaths>[0];
  /**
   * Loads `onnxruntime-node` for the native engine, from the app that depends on it, e.g.
   * `() => import('onnxruntime-node')`; by default @nst/core imports it as it resolves it. Typed
   * loosely, so that @nst/core's declarations need no onnxruntime-node; what it gives is checked.
   */
  readonly onnxRuntime?: () => Promise<unknown>;
  /** Called if the WebGPU device is lost later on (driver reset, GPU removed, tab in the background). */
  readonly onDeviceLost?: (info: { readonly reason: string; readonly message: string }) => void;
}
