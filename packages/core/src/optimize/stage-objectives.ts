/**
 * Which objective a stage of {@link stylize} gets: the whole image at once when it fits in a tile,
 * else the tiled one (on this thread, or on a pool of workers), and out-of-memory turned into an
 * {@link OutOfMemoryError} either way. It owns the pool for the length of one stylize, or of a
 * batch. On a CPU backend every stage goes through the pool (a small image as one tile) in a
 * batch, so that the photos running at once spread over the workers, and in a run whose last
 * stage has {@link LARGE_PHOTO_TILES} tiles or more: its stages below one tile are under 2 % of
 * its work, and run on this thread they would leave its wasm heap at their high-water mark
 * (about 250 MB at 256 px) for the rest of the run. With the native engine on, every stage runs
 * on its executor, on ONNX Runtime.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvNet } from '../networks/conv-net.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { assertImageFits, gpuBindingLimit, tileSizeWithin } from '../backend/gpu-buffer-limit.js';
import { asOutOfMemory, type MemoryContext } from '../backend/out-of-memory.js';
import { createStyleObjective, type StyleObjective } from './style-objective.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import { InThreadExecutor, type TileExecutor } from '../tiling/tile-executor.js';
import { createWorkerPool } from '../tiling/tile-pool.js';
import { LARGE_PHOTO_TILES } from '../tiling/tile-size.js';
import { type NetworkGeometry, networkGeometry, planTiles } from '../tiling/tile-plan.js';
import { createTiledObjective, StyleTargetCache, type TiledObjective } from '../tiling/tiled-objective.js';
import type { Pixels } from '../image/pixels.js';
import { nativeEngine } from '../backend/native-engine.js';
import { NativeExecutor } from '../native/native-executor.js';

/** Makes a {@link TileExecutor} for `network` and a first stage of `tiles` tiles, or undefined to run tiles in this thread. */
export type ExecutorFactory = (network: ConvNet, tiles: number) => Promise<TileExecutor | undefined>;

/** Creates each stage's objective; {@link StageObjectives.dispose} ends the executor. */
export interface StageObjectives {
  /** Whether a stage of this size is evaluated in tiles (its image then held as {@link Pixels}). */
  tiled(settings: ResolvedStylizeOptions, size: { width: number; height: number }): boolean;
  /** How many tiles a stage of this size has (1 when it is not tiled). */
  tileCount(settings: ResolvedStylizeOptions, size: { width: number; height: number }): number;
  /** The objective of a stage that is not tiled. */
  create(settings: ResolvedStylizeOptions, content: tf.Tensor4D, styles: readonly tf.Tensor4D[]): Promise<StyleObjective>;
  /** The objective of a tiled stage. */
  createTiled(settings: ResolvedStylizeOptions, content: Pixels, styles: readonly tf.Tensor4D[]): Promise<TiledObjective>;
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
 * Up to `workers` workers (worker_threads, or a page's Web Workers; no more than the first tiled stage has tiles: each holds a wasm
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
 * The native engine's executor (ONNX Runtime, `threads` intra-op threads), when the native engine is
 * on and runs `network` (zero-padded); else undefined.
 */
export const nativePool =
  (threads: number): ExecutorFactory =>
  async (network) => {
    const engine = nativeEngine();
    return engine !== undefined && runsNatively(network) ? NativeExecutor.create(engine.runtime, network, Math.max(1, threads)) : undefined;
  };

/** Whether the native engine, if on, evaluates `network`: it runs zero-padded ConvNets. */
const runsNatively = (network: FeatureNetwork): network is ConvNet =>
  network instanceof ConvNet && (network.spec.padding ?? 'zero') === 'zero';

/**
 * Stage objectives for `network`: tiled in tiles of `tileSize` (smaller on a GPU whose buffer
 * limit needs it, see gpu-buffer-limit.ts) when the stage's image is larger
 * (and the network is a {@link ConvNet}, whose geometry tiling needs), on the executor `pool`
 * makes (once, on first need; by default {@link workerPool} of `workers`), else on this thread.
 * With `batch`, the executor serves several stylizes: it has all `workers`, every stage on wasm
 * or cpu runs on it, and style targets are computed once. `largest`, the run's last stage, sizes
 * the pool and decides whether every stage runs on it.
 */
export function createStageObjectives(
  network: FeatureNetwork,
  {
    tileSize,
    workers = 1,
    pool = nativeEngine() !== undefined && runsNatively(network) ? nativePool(workers) : workerPool(workers),
    batch = false,
    largest,
  }: { tileSize: number; workers?: number; pool?: ExecutorFactory; batch?: boolean; largest?: { width: number; height: number } },
): StageObjectives {
  let executor: Promise<TileExecutor> | undefined;
  const executorFor = (net: ConvNet, tiles: number): Promise<TileExecutor> =>
    (executor ??= (async () => (await pool(net, batch ? workers : tiles)) ?? new InThreadExecutor(net))());
  const tileCount = (size: number, geometry: NetworkGeometry, { width, height }: { width: number; height: number }) =>
    planTiles(width, height, size, geometry).length;
  const styleTargets = batch ? new StyleTargetCache() : undefined;
  const convNet = network instanceof ConvNet ? network : undefined;
  /** Whether every stage is "tiled" (a small image is one tile): always on the native engine, and on a CPU backend in a batch or a large run. */
  const native = nativeEngine() !== undefined && runsNatively(network);
  const everyStage = (size: number, geometry: NetworkGeometry) =>
    native ||
    (['wasm', 'cpu'].includes(tf.getBackend()) &&
      (batch || (largest !== undefined && tileCount(size, geometry, largest) >= LARGE_PHOTO_TILES)));
  /** The tile size at this size (smaller on a GPU whose buffer limit needs it), or undefined when not tiled. */
  const tiling = (
    settings: Pick<ResolvedStylizeOptions, 'contentLayer' | 'styleLayers'>,
    { width, height }: { width: number; height: number },
  ) => {
    const geometry = convNet && networkGeometry(convNet.spec, [settings.contentLayer, ...Object.keys(settings.styleLayers)]);
    let size = tileSize;
    const limit = gpuBindingLimit();
    if (limit !== undefined) {
      assertImageFits(limit, width, height);
      if (geometry !== undefined) size = tileSizeWithin(limit, geometry, tileSize);
    }
    return convNet !== undefined && geometry !== undefined && (Math.max(width, height) > size || everyStage(size, geometry))
      ? { size, geometry, convNet }
      : undefined;
  };
  return {
    tiled: (settings, size) => tiling(settings, size) !== undefined,
    tileCount(settings, size) {
      const plan = tiling(settings, size);
      return plan === undefined ? 1 : tileCount(plan.size, plan.geometry, size);
    },
    async create(settings, content, styles) {
      const [, height = 0, width = 0] = content.shape;
      const context: MemoryContext = { width, height };
      const objective = await guard(() => createStyleObjective(network, settings, content, styles), context);
      return { evaluate: (image) => guard(() => objective.evaluate(image), context), dispose: () => objective.dispose() };
    },
    async createTiled(settings, content, styles) {
      const { width, height } = content;
      const plan = tiling(settings, content);
      if (plan === undefined) throw new Error(`createTiled: a ${width}×${height} stage is not tiled.`);
      const context: MemoryContext = { width, height, tileSize: plan.size, workers };
      const objective = await guard(
        async () =>
          createTiledObjective(plan.convNet, settings, content, styles, {
            tileSize: plan.size,
            executor: await executorFor(plan.convNet, tileCount(plan.size, plan.geometry, largest ?? content)),
            ...(styleTargets === undefined ? {} : { styleTargets }),
          }),
        context,
      );
      return {
        evaluate: (image) => guard(() => objective.evaluate(image), context),
        evaluatePixels: (image) => guard(() => objective.evaluatePixels(image), context),
        dispose: () => objective.dispose(),
      };
    },
    async dispose() {
      const started = executor;
      executor = undefined;
      await (await started)?.dispose();
    },
  };
}
