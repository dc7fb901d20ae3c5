/**
 * Which objective a stage of {@link stylize} gets: the whole image at once when it fits in a tile,
 * else the tiled one (on this thread, or on a pool of workers), and out-of-memory turned into an
 * {@link OutOfMemoryError} either way. It owns the pool for the length of one stylize.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvNet } from './conv-net.js';
import type { FeatureNetwork } from './feature-network.js';
import { assertImageFits, gpuBindingLimit, tileSizeWithin } from './gpu-buffer-limit.js';
import { asOutOfMemory, type MemoryContext } from './out-of-memory.js';
import { createStyleObjective, type StyleObjective } from './style-objective.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import { InThreadExecutor, type TileExecutor } from './tile-executor.js';
import { createWorkerPool } from './tile-pool.js';
import { networkGeometry, planTiles } from './tile-plan.js';
import { createTiledObjective } from './tiled-objective.js';

/** Images whose longest side is over this many pixels are evaluated in tiles of this size by default. */
export const DEFAULT_TILE_SIZE = 512;

/** Makes a {@link TileExecutor} for `network` and a first stage of `tiles` tiles, or undefined to run tiles in this thread. */
export type ExecutorFactory = (network: ConvNet, tiles: number) => Promise<TileExecutor | undefined>;

/** Creates each stage's objective; {@link StageObjectives.dispose} ends the executor. */
export interface StageObjectives {
  create(o: ResolvedStylizeOptions, content: tf.Tensor4D, styles: readonly tf.Tensor4D[]): Promise<StyleObjective>;
  dispose(): Promise<void>;
}

const guard = async <T>(work: () => Promise<T>, context: MemoryContext): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw asOutOfMemory(error, context);
  }
};

/**
 * Up to `workers` worker_threads (no more than the first tiled stage has tiles: each holds a wasm
 * heap) on the active backend's kind (wasm, or cpu on cpu), where that is possible; else
 * undefined: in-thread.
 */
export const workerPool =
  (workers: number): ExecutorFactory =>
  async (network, tiles) => {
    const backend = tf.getBackend();
    const n = Math.min(workers, tiles);
    if (n < 2 || (backend !== 'wasm' && backend !== 'cpu')) return undefined;
    return createWorkerPool(network, { workers: n, backend });
  };

/**
 * Stage objectives for `network`: tiled in tiles of `tileSize` (smaller on a GPU whose buffer
 * limit needs it, see gpu-buffer-limit.ts) when the stage's image is larger
 * (and the network is a {@link ConvNet}, whose geometry tiling needs), on the executor `pool`
 * makes (once, on first need; by default {@link workerPool} of `workers`), else on this thread.
 */
export function createStageObjectives(
  network: FeatureNetwork,
  { tileSize, workers = 1, pool = workerPool(workers) }: { tileSize: number; workers?: number; pool?: ExecutorFactory },
): StageObjectives {
  let executor: Promise<TileExecutor> | undefined;
  const executorFor = (net: ConvNet, tiles: number): Promise<TileExecutor> =>
    (executor ??= (async () => (await pool(net, tiles)) ?? new InThreadExecutor(net))());
  return {
    async create(o, content, styles) {
      const [, height = 0, width = 0] = content.shape;
      const geometry = network instanceof ConvNet ? networkGeometry(network.spec, [o.contentLayer, ...Object.keys(o.styleLayers)]) : undefined;
      let size = tileSize;
      const limit = gpuBindingLimit();
      if (limit !== undefined) {
        assertImageFits(limit, width, height);
        if (geometry !== undefined) size = tileSizeWithin(limit, geometry, tileSize);
      }
      const tiled = geometry !== undefined && Math.max(width, height) > size;
      const context: MemoryContext = tiled ? { width, height, tileSize: size, workers } : { width, height };
      const objective = await guard(
        async () =>
          tiled && network instanceof ConvNet
            ? createTiledObjective(network, o, content, styles, {
                tileSize: size,
                executor: await executorFor(network, planTiles(width, height, size, geometry).length),
              })
            : createStyleObjective(network, o, content, styles),
        context,
      );
      return { evaluate: (image) => guard(() => objective.evaluate(image), context), dispose: () => objective.dispose() };
    },
    async dispose() {
      const started = executor;
      executor = undefined;
      await (await started)?.dispose();
    },
  };
}
