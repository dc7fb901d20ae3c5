/**
 * Whether the native CPU engine is on. The tfjs backend still runs the small tensor work (resizing,
 * colour, the optimiser on small stages); with the native engine on, every stage's objective is
 * evaluated in tiles by ONNX Runtime instead (optimize/stage-objectives.ts). {@link initBackend} is the
 * one place that turns it on or off.
 */
import type { OnnxRuntime } from '../native/onnx-runtime.js';

/** The native engine as {@link initBackend} started it. */
export interface NativeEngine {
  readonly runtime: OnnxRuntime;
  /** ONNX Runtime's version, for reports. */
  readonly version: string;
}

let active: NativeEngine | undefined;

/** The native engine, when the active backend is `'native'`. */
export function nativeEngine(): NativeEngine | undefined {
  return active;
}

/** Turns the native engine on (with its runtime) or off. */
export function setNativeEngine(engine: NativeEngine | undefined): void {
  active = engine;
}
