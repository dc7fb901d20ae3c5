import { inMemoryWasmPaths, type WasmBinaries, type WasmPaths } from '@nst/browser';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
import { gunzip } from './gunzip.js';

let inflated: Promise<WasmBinaries> | undefined;

/**
 * tfjs's wasm binaries, bundled into ui.html (a Figma plugin ships one HTML file and may fetch
 * nothing) gzipped by build.ts, inflated on first use.
 */
export function inlineWasm(): Promise<WasmBinaries> {
  inflated ??= Promise.all([gunzip(plain), gunzip(simd)]).then(([p, s]) => ({ plain: p, simd: s }));
  return inflated;
}

/**
 * {@link inlineWasm} as URLs for `setWasmPaths`, each `fetch` of them answered from memory, so a
 * CSP without `connect-src blob:` does not stop them (see @nst/browser's wasm-binaries.ts).
 */
export async function inlineWasmPaths(): Promise<WasmPaths> {
  return inMemoryWasmPaths(await inlineWasm());
}
