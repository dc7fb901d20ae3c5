/**
 * Where tile-worker.ts's script lies, for Node's worker_threads. Apart from tile-pool.ts, and
 * imported through a variable, so that bundles for browsers (iife, no `import.meta`) never see it.
 */

/** The worker's script beside this module: tile-worker.js when built, tile-worker.ts when run from source through tsx. */
export function tileWorkerScript(): { readonly url: URL; readonly fromSource: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  return { url: new URL(fromSource ? './tile-worker.ts' : './tile-worker.js', import.meta.url), fromSource };
}
