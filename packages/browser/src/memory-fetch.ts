/**
 * Files a page (or a tile worker) holds in memory, reachable by URL through `fetch` without a
 * request. The Figma plugin's UI inlines tfjs's wasm binaries, and tile workers are sent them;
 * tfjs (through Emscripten) loads them with `fetch(url)`. Figma's
 * iframe policy is not public: a `connect-src` without `blob:` would refuse a fetch of a blob URL,
 * so `fetch` of one of these URLs is answered from the bytes themselves instead. (Compiling the
 * wasm still needs `'wasm-unsafe-eval'` where scripts are restricted; nothing can get round that.)
 */

/** What {@link serveFromMemory} wraps: a global scope with `fetch`. */
export interface FetchScope {
  fetch: typeof fetch;
}

/**
 * Makes `scope.fetch` answer each URL of `files` (URL → bytes and content type) from memory, every
 * other request as before. Returns the function that puts the original `fetch` back.
 */
export function serveFromMemory(
  files: ReadonlyMap<string, { readonly bytes: Uint8Array; readonly type: string }>,
  scope: FetchScope = globalThis,
): () => void {
  const original = scope.fetch;
  scope.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = files.get(url);
    if (file === undefined) return original.call(scope, input, init);
    return Promise.resolve(new Response(new Uint8Array(file.bytes), { status: 200, headers: { 'content-type': file.type } }));
  };
  return () => {
    scope.fetch = original;
  };
}
