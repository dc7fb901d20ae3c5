/**
 * The page's entry, and its tile workers' too: the same bundle, started again as a module Web
 * Worker by page.ts, serves tiles there (on its own wasm tfjs, finding the `.wasm` files at the
 * URLs the page sends) and runs none of the page.
 */
import { type InitBackendOptions, isTileWorkerScope, serveTilesInWorker } from '@nst/core';

const scope: object = globalThis;
if (isTileWorkerScope(scope)) serveTilesInWorker(scope, (wasmPaths: InitBackendOptions['wasmPaths']) => wasmPaths);
else await import('./page.js');
