import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
import { serveFromMemory } from './memory-fetch.js';

/**
 * tfjs's wasm binaries as blob URLs, for `setWasmPaths`: a Figma plugin ships one HTML file and
 * may fetch nothing, so the binaries are bundled into it. A `fetch` of these URLs is answered from
 * memory (`serveFromMemory`), so a CSP without `connect-src blob:` does not stop them. The iframe
 * is not cross-origin isolated, so the threaded build never loads; its entry points at the SIMD one.
 */
export function inlineWasmPaths(): Record<
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm',
  string
> {
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  const url = (bytes: Uint8Array) => {
    const href = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/wasm' }));
    files.set(href, { bytes, type: 'application/wasm' });
    return href;
  };
  const simdUrl = url(simd);
  const paths = {
    'tfjs-backend-wasm.wasm': url(plain),
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
  };
  serveFromMemory(files);
  return paths;
}
