import { inMemoryWasmPaths, type WasmBinaries, type WasmPaths } from '@nst/browser';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';

/** tfjs's wasm binaries, bundled into ui.html: a Figma plugin ships one HTML file and may fetch nothing. */
export const INLINE_WASM: WasmBinaries = { plain, simd };

/**
 * {@link INLINE_WASM} as URLs for `setWasmPaths`, each `fetch` of them answered from memory, so a
 * CSP without `connect-src blob:` does not stop them (see @nst/browser's wasm-binaries.ts).
 */
export function inlineWasmPaths(): WasmPaths {
  return inMemoryWasmPaths(INLINE_WASM);
}
