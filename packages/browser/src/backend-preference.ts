/**
 * The backends a user may choose in a UI, in the order pickers list them. This is the one list:
 * the settings schemas, the pickers and the extension's `nst.backend` enum (checked by a test)
 * all come from it. No imports that run, so Figma's main thread can read it too.
 */

/** `auto` (WebGPU → WebGL → wasm, the first that runs), or one backend forced; never `cpu` in a browser. */
export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm'] as const;

/** One of {@link BACKEND_PREFERENCES}. */
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

/** What a picker calls each preference. */
export const BACKEND_LABELS: Readonly<Record<BackendPreference, string>> = {
  auto: 'Automatic',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
};
