/**
 * Tiles on every core in a browser: the page checks once that its policy lets a Web Worker start
 * from a `blob:` copy of its own script (Figma's iframe and VS Code's webview have policies; a
 * worker may be refused), then hands @nst/core a starter (`useTileWorkers`). Each worker is the
 * same bundle (see tile-worker-scope.ts) with its own tfjs on wasm, sent the wasm binaries and the
 * network's spec. Where workers cannot start, tiles run in the page as before, and the status says why.
 */
import { messageOf, probeTileWorker, useTileWorkers, webTileWorkers } from '@nst/core';
import type { WasmBinaries } from './wasm-binaries.js';

/** How a page's tiles run: on `workers` Web Workers, or (`workers` 0) in the page, and why. */
export type TileWorkerStatus = { readonly workers: number; readonly reason?: undefined } | { readonly workers: 0; readonly reason: string };

/** At most this many workers: each holds its own wasm heap (about 250 MB for a 256 px tile). */
export const MAX_TILE_WORKERS = 4;

/** How many workers a page with `cores` logical cores runs: all of them, up to {@link MAX_TILE_WORKERS}. */
export function defaultWorkerCount(cores: number = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(MAX_TILE_WORKERS, Math.floor(cores) || 1));
}

/** The script element running while this module was evaluated: the bundle itself, as it started. */
const running = typeof document === 'undefined' ? null : document.currentScript;

/** The text of the page's bundle: inline (Figma's ui.html) or fetched from its `src` (a webview's file). */
export async function pageScript(): Promise<string> {
  if (!(running instanceof HTMLScriptElement)) throw new Error('the page’s script is not known (it did not start from a script element)');
  if (running.src === '') return running.textContent ?? '';
  const response = await fetch(running.src);
  if (!response.ok) throw new Error(`${running.src} did not load (HTTP ${response.status})`);
  return response.text();
}

/** What {@link startTileWorkers} needs. */
export interface TileWorkerOptions {
  /** tfjs's wasm binaries, to send each worker. */
  readonly wasm: () => Promise<WasmBinaries>;
  /** Default {@link defaultWorkerCount}; under 2, tiles run in the page. */
  readonly count?: number;
  /** The worker's script; default {@link pageScript}. */
  readonly script?: () => Promise<string>;
  /** How long the probe worker may take to start. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Checks that a worker starts and answers; on success hands core the starter and says how many
 * workers tiles will use, else says why they run in the page. Called once per page.
 */
export async function startTileWorkers(options: TileWorkerOptions): Promise<TileWorkerStatus> {
  const count = options.count ?? defaultWorkerCount();
  if (count < 2) return { workers: 0, reason: 'one core' };
  if (typeof Worker === 'undefined') return { workers: 0, reason: 'no Web Workers here' };
  let url: string;
  let wasm: WasmBinaries;
  try {
    url = URL.createObjectURL(new Blob([await (options.script ?? pageScript)()], { type: 'text/javascript' }));
    wasm = await options.wasm();
  } catch (error) {
    return { workers: 0, reason: `workers not started: ${messageOf(error)}` };
  }
  const start = () => new Worker(url);
  const refused = await probeTileWorker(start, options.timeoutMs);
  if (refused !== undefined) {
    URL.revokeObjectURL(url);
    return { workers: 0, reason: refused };
  }
  useTileWorkers(webTileWorkers(start, wasm));
  return { workers: count };
}
