import { BACKEND_LABELS, type BackendPreference } from '@nst/browser';

/** What the status line calls each backend preference while it starts ("Starting WebGPU…"). */
export const BACKEND_NAMES: Readonly<Record<BackendPreference, string>> = {
  auto: 'the fastest backend here (WebGPU, WebGL or WebAssembly)',
  webgpu: BACKEND_LABELS.webgpu,
  webgl: BACKEND_LABELS.webgl,
  wasm: BACKEND_LABELS.wasm,
};
