/**
 * Where tiles run: the seam between the tiled objective and the threads. The objective hands
 * out tiles with an affinity (the tile's index), so that a tile always meets the runner that
 * caches its content target; an executor runs up to `concurrency` tiles at once.
 */
import type { ConvNet } from '../networks/conv-net.js';
import {
  type BackwardRequest,
  type BackwardResult,
  type ForwardRequest,
  type ForwardResult,
  TileRunner,
  type WholeTileRequest,
  type WholeTileResult,
} from './tile-runner.js';

/** Runs the passes of tiles: in this thread, or on a pool of workers. */
export interface TileExecutor {
  /** How many tiles may be in flight at once. */
  readonly concurrency: number;
  forward(request: ForwardRequest, affinity: number): Promise<ForwardResult>;
  backward(request: BackwardRequest, affinity: number): Promise<BackwardResult>;
  /** Both passes of an image that is one tile, in one (the native engine's); absent where passes run apart. */
  evaluateWhole?(request: WholeTileRequest, affinity: number): Promise<WholeTileResult>;
  /** Frees the content targets the runners cache, or only those whose key starts with `prefix`. */
  clear(prefix?: string): Promise<void>;
  /** Frees everything, ends any workers. */
  dispose(): Promise<void>;
}

/** A {@link TileExecutor} that runs one tile at a time on the active tfjs backend of this thread. */
export class InThreadExecutor implements TileExecutor {
  readonly concurrency = 1;
  readonly #runner: TileRunner;

  constructor(network: ConvNet, cacheBytes?: number) {
    this.#runner = new TileRunner(network, cacheBytes);
  }

  forward(request: ForwardRequest): Promise<ForwardResult> {
    return this.#runner.forward(request);
  }

  backward(request: BackwardRequest): Promise<BackwardResult> {
    return this.#runner.backward(request);
  }

  clear(prefix?: string): Promise<void> {
    this.#runner.clear(prefix);
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.clear();
  }
}
