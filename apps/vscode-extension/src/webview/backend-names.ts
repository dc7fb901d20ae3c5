import type { BackendPreference } from '@nst/browser';

/** What the status line calls each backend preference while it starts ("Starting WebGPU…"). */
export const BACKEND_NAMES: Readonly<Record<BackendPreference, string>> = {
  auto: 'the fastest backend here (WebGPU, WebGL or WebAssembly)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
};
