/**
 * tfjs's wasm binaries held as bytes: the Figma plugin's UI has them inlined, and every page hands
 * them to its tile workers, which have no files beside them (a worker started from a `blob:`
 * script cannot count on reaching the page's files: a webview serves them through its service
 * worker, a plugin iframe has none). Served from memory, so no `connect-src` is needed for them.
 */
import { serveFromMemory } from './memory-fetch.js';

/** The two builds a page that is not cross-origin isolated may load: plain and SIMD. */
export interface WasmBinaries {
  readonly plain: Uint8Array;
  readonly simd: Uint8Array;
}

/** tfjs's names of its wasm files, as `setWasmPaths` takes them. */
export const WASM_FILES = {
  plain: 'tfjs-backend-wasm.wasm',
  simd: 'tfjs-backend-wasm-simd.wasm',
  threaded: 'tfjs-backend-wasm-threaded-simd.wasm',
} as const;

/** The `setWasmPaths` map for one page or worker. */
export type WasmPaths = Record<(typeof WASM_FILES)[keyof typeof WASM_FILES], string>;

/**
 * `binaries` as blob URLs for `setWasmPaths`, each `fetch` of them answered from memory
 * (`serveFromMemory` on `scope`). The page is not cross-origin isolated, so the threaded build
 * never loads; its entry points at the SIMD one.
 */
export function inMemoryWasmPaths(binaries: WasmBinaries, scope: { fetch: typeof fetch } = globalThis): WasmPaths {
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  const url = (bytes: Uint8Array) => {
    const href = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/wasm' }));
    files.set(href, { bytes, type: 'application/wasm' });
    return href;
  };
  const [plain, simd] = [url(binaries.plain), url(binaries.simd)];
  serveFromMemory(files, scope);
  return { [WASM_FILES.plain]: plain, [WASM_FILES.simd]: simd, [WASM_FILES.threaded]: simd };
}

/** The binaries from the folder URL `prefix` (ending in `/`) where a page's wasm files lie. */
export async function fetchWasmBinaries(prefix: string): Promise<WasmBinaries> {
  const get = async (file: string) => {
    const response = await fetch(`${prefix}${file}`);
    if (!response.ok) throw new Error(`${prefix}${file} did not load (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [plain, simd] = await Promise.all([get(WASM_FILES.plain), get(WASM_FILES.simd)]);
  return { plain, simd };
}
