import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';

/**
 * tfjs's wasm binaries as blob URLs, for `setWasmPaths`: a Figma plugin ships one HTML file and
 * may fetch nothing, so the binaries are bundled into it. The iframe is not cross-origin
 * isolated, so the threaded build never loads; its entry points at the SIMD one.
 */
export function inlineWasmPaths(): Record<
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm',
  string
> {
  const url = (bytes: Uint8Array) => URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/wasm' }));
  const simdUrl = url(simd);
  return { 'tfjs-backend-wasm.wasm': url(plain), 'tfjs-backend-wasm-simd.wasm': simdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': simdUrl };
}
