/**
 * Tiles on every core in a browser: the page checks once that its policy lets a Web Worker start
 * from a `blob:` copy of its own script (Figma's iframe and VS Code's webview have policies; a
 * worker may be refused), then hands @nst/core a starter (`useTileWorkers`). Each worker is the
 * same bundle (see tile-worker-scope.ts) with its own tfjs on wasm, sent the wasm binaries and the
 * network's spec. Where workers cannot start, tiles run in the page as before, and the status says why.
 */
import { messageOf, useTileWorkers, WorkerError, type TileWorkerHandle, type WorkerReply, type WorkerSetup } from '@nst/core';
import { PROBED, type PageToTileWorker } from './tile-worker-messages.js';
import type { WasmBinaries } from './wasm-binaries.js';

/** How a page's tiles run: on `workers` Web Workers, or (`workers` 0) in the page, and why. */
export type TileWorkerStatus = { readonly workers: number; readonly reason?: undefined } | { readonly workers: 0; readonly reason: string };

/** At most this many workers: each holds its own wasm heap (about 250 MB for a 256 px tile). */
export const MAX_TILE_WORKERS = 4;

/** What the status says when the page's Content-Security-Policy refused the worker. */
export const BLOCKED_BY_POLICY = "workers blocked by the page's policy";

/** How many workers a page with `cores` logical cores runs: all of them, up to {@link MAX_TILE_WORKERS}. */
export function defaultWorkerCount(cores: number = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(MAX_TILE_WORKERS, Math.floor(cores) || 1));
}

/** The script element running while this module was evaluated: the bundle itself, as it started. */
const running = typeof document === 'undefined' ? null : document.currentScript;

/** The text of the page's bundle: inline (Figma's ui.html) or fetched from its `src` (a webview's file). */
export async function pageScript(): Promise<string> {
  if (!(running instanceof HTMLScriptElement)) throw new Error('the page’s script is not known (not started from a <script>)');
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
  const refused = await probe(url, options.timeoutMs ?? 30_000);
  if (refused !== undefined) {
    URL.revokeObjectURL(url);
    return { workers: 0, reason: refused };
  }
  useTileWorkers((setup) => webWorker(url, setup, wasm));
  return { workers: count };
}

/** Starts one worker from `url` and waits for its answer: undefined when it answered, else why not. */
function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let worker: Worker | undefined;
    let blocked = false;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('blob') || /worker|script/.test(event.effectiveDirective)) blocked = true;
    };
    const settle = (reason: string | undefined) => {
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
      worker?.terminate();
      resolve(reason);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    const timer = setTimeout(() => settle(blocked ? BLOCKED_BY_POLICY : `no worker answered within ${timeoutMs / 1000} s`), timeoutMs);
    try {
      worker = new Worker(url);
    } catch (error) {
      settle(error instanceof DOMException && error.name === 'SecurityError' ? BLOCKED_BY_POLICY : `no worker: ${messageOf(error)}`);
      return;
    }
    worker.addEventListener('message', (event) => event.data === PROBED && settle(undefined));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // The policy's violation event may come just after the worker's error.
      setTimeout(() => settle(blocked ? BLOCKED_BY_POLICY : `a worker did not start${event.message ? ` (${event.message})` : ''}`), 50);
    });
    worker.postMessage({ nst: 'probe' } satisfies PageToTileWorker);
  });
}

/** Whether `data` is one of core's tile replies. */
const isReply = (data: unknown): data is WorkerReply => typeof data === 'object' && data !== null && 'id' in data && 'ok' in data;

/** A tile worker from the script at `url`, set up for `setup`, as core's pool drives it. */
function webWorker(url: string, setup: WorkerSetup, wasm: WasmBinaries): TileWorkerHandle {
  const worker = new Worker(url);
  worker.postMessage({ nst: 'setup', setup, wasm } satisfies PageToTileWorker);
  return {
    postMessage: (message, transfer) => worker.postMessage({ nst: 'tile', message } satisfies PageToTileWorker, [...transfer]),
    onReply: (listener) => worker.addEventListener('message', (event) => isReply(event.data) && listener(event.data)),
    onFailure: (listener) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener(new WorkerError(`A tile worker failed: ${event.message || 'no reason given'}.`));
      });
      worker.addEventListener('messageerror', () => listener(new WorkerError('A tile worker sent a message that could not be read.')));
    },
    terminate: () => {
      worker.terminate();
      return Promise.resolve();
    },
  };
}
