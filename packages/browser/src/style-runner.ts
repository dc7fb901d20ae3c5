/**
 * Runs `stylize` for an app's UI on the best backend there is, and keeps running when the GPU goes
 * away. The backend is chosen once per preference (WebGPU → WebGL → wasm, see `initBackend`);
 * if the WebGPU device is lost mid-run, the run is stopped, the backend chosen again, and the run
 * started over once, with a notice saying what happened. Cancelling is the caller's signal.
 */
import {
  describeBackend,
  initBackend,
  measureStylizeSpeed,
  stylize,
  type BackendReport,
  type InitBackendOptions,
  type RgbaImage,
  type StylizeOptions,
} from '@nst/core';
import type { BackendPreference } from './backend-preference.js';
import type { JobSpeed } from './job-speed.js';
import type { TileWorkerStatus } from './tile-workers.js';

/** What a {@link StyleRunner} runs with; the functions are @nst/core's unless a test swaps them. */
export interface StyleRunnerOptions {
  /** Where tfjs finds its `.wasm` files, or a function that says so when the backend first starts. */
  readonly wasmPaths?: InitBackendOptions['wasmPaths'] | (() => Promise<InitBackendOptions['wasmPaths']>);
  /** Told when something changed that the user should know: a lost GPU, a fallback. */
  readonly onNotice?: (message: string) => void;
  readonly initBackend?: typeof initBackend;
  readonly stylize?: typeof stylize;
  readonly measureSpeed?: typeof measureStylizeSpeed;
  /** Starts the page's tile workers (`startTileWorkers`), once, when the backend is wasm; without it tiles run in the page. */
  readonly tileWorkers?: () => Promise<TileWorkerStatus>;
}

/**
 * The line a UI shows once the backend runs: "Runs on WebGPU (nvidia RTX 4090)" (see @nst/core's
 * `describeBackend`); on wasm, where the tiles run too: "Runs on WebAssembly, 4 workers", "Runs on
 * WebAssembly, in this page (workers blocked by the page's policy)".
 */
export function runsOn(report: BackendReport, tiles?: TileWorkerStatus): string {
  const where =
    tiles === undefined ? '' : tiles.workers > 0 ? `, ${tiles.workers} workers` : `, in this page (${tiles.reason ?? 'no workers'})`;
  return `Runs on ${describeBackend(report)}${where}`;
}

/** Yields to the event loop, so that a click on Cancel is handled between iterations. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `stylize` for a UI on its chosen backend; see the module comment. */
export class StyleRunner {
  private report: Promise<BackendReport> | undefined;
  private preference: BackendPreference = 'auto';
  private lost: ((reason: string) => void) | undefined;
  private workers: Promise<TileWorkerStatus> | undefined;
  private readonly init: typeof initBackend;
  private readonly run: typeof stylize;
  private readonly measure: typeof measureStylizeSpeed;

  constructor(private readonly options: StyleRunnerOptions = {}) {
    this.init = options.initBackend ?? initBackend;
    this.run = options.stylize ?? stylize;
    this.measure = options.measureSpeed ?? measureStylizeSpeed;
  }

  /** The backend for `preference`, started on first use; a forced backend that cannot run throws. */
  backend(preference: BackendPreference = this.preference): Promise<BackendReport> {
    if (this.report === undefined || preference !== this.preference) {
      this.preference = preference;
      const paths = this.options.wasmPaths;
      const started = (typeof paths === 'function' ? paths() : Promise.resolve(paths)).then((wasmPaths) =>
        this.init({
          backend: preference,
          ...(wasmPaths !== undefined ? { wasmPaths } : {}),
          onDeviceLost: ({ message, reason }) => {
            this.report = undefined; // lost between runs too: the next run chooses the backend again
            this.lost?.(message || reason);
          },
        }),
      );
      this.report = started;
      started.catch(() => {
        if (this.report === started) this.report = undefined; // try again next time
      });
    }
    return this.report;
  }

  /**
   * Where the tiles run on the backend for `preference` (started first if need be): on the page's
   * workers or in the page, and why; undefined off wasm (a GPU backend is one device) or without
   * `tileWorkers`. The workers are checked once per runner.
   */
  async tiles(preference: BackendPreference = this.preference): Promise<TileWorkerStatus | undefined> {
    const report = await this.backend(preference);
    if (report.backend !== 'wasm' || this.options.tileWorkers === undefined) return undefined;
    return (this.workers ??= this.options.tileWorkers());
  }

  /**
   * How fast `stylize` runs on the backend for `preference` (started first if need be), for
   * `estimateStyleJobSeconds`: a short stylize of a small image (about a second on wasm).
   * Run it between jobs, not beside one, or each slows the other.
   */
  async measureSpeed(preference: BackendPreference = this.preference, network?: StylizeOptions['network']): Promise<JobSpeed> {
    const tiles = await this.tiles(preference);
    const speed = await this.measure(network);
    return tiles !== undefined && tiles.workers > 1 ? { ...speed, workers: tiles.workers } : speed;
  }

  /**
   * `stylize(options)` on the backend for `preference`, yielding to the page after each
   * iteration (so Cancel stays responsive); restarts once if the GPU device is lost.
   */
  async stylize(options: StylizeOptions, preference: BackendPreference = this.preference): Promise<RgbaImage> {
    const tiles = await this.tiles(preference);
    if (tiles !== undefined && tiles.workers > 1 && options.workers === undefined) options = { ...options, workers: tiles.workers };
    try {
      return await this.attempt(options);
    } catch (error) {
      if (!(error instanceof DeviceLostError)) throw error;
      this.report = undefined;
      const report = await this.backend(preference === 'webgpu' ? 'auto' : preference);
      this.options.onNotice?.(`The GPU device was lost (${error.message}); starting over on ${describeBackend(report)}.`);
      return this.attempt(options);
    }
  }

  private async attempt(options: StylizeOptions): Promise<RgbaImage> {
    const controller = new AbortController();
    const outer = options.signal;
    const abort = () => controller.abort();
    outer?.addEventListener('abort', abort);
    if (outer?.aborted === true) controller.abort();
    let lostReason: string | undefined;
    this.lost = (reason) => {
      lostReason = reason;
      controller.abort();
    };
    try {
      const onProgress = options.onProgress;
      return await this.run({
        ...options,
        signal: controller.signal,
        onProgress: async (progress) => {
          await onProgress?.(progress);
          await nextTask();
        },
      });
    } catch (error) {
      if (lostReason !== undefined && outer?.aborted !== true) {
        throw new DeviceLostError(lostReason);
      }
      throw error;
    } finally {
      this.lost = undefined;
      outer?.removeEventListener('abort', abort);
    }
  }
}

/** Internal: the run stopped because the device went away. */
class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}
