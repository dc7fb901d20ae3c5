/**
 * How long a {@link stylize} will take, before it starts: the work of its schedule (pixels ×
 * iterations, stage by stage) times a speed measured here, on the active backend, by a short
 * stylize. Each stage's start costs a few iterations more; tiled stages cost more a pixel (their
 * second forward pass and halos) and share the workers; on the native engine the threads are in
 * the measurement already. An estimate to show before a long run; during one,
 * `StylizeProgress.fraction` and the time elapsed say more.
 */
import { nativeEngine } from '../backend/native-engine.js';
import { defaultTileSize } from '../tiling/tile-size.js';
import type { LayerWeights } from '../costs/style-cost.js';
import { ConvNet } from '../networks/conv-net.js';
import { convCostPerPixel } from '../networks/conv-cost.js';
import { defaultNetwork, type ScheduledStage, stylize, stylizeSchedule } from './stylize.js';
import {
  DEFAULT_SHIFTS,
  DEFAULT_STYLE_LEVEL_SIDE,
  largeStyleLayersFor,
  type ScheduleOptions,
  resultShifts,
  type StylizeOptions,
} from './stylize-options.js';
import { styleLevelSizes } from './style-levels.js';
import { styleLayersAt } from './stage-settings.js';

/** What an estimate reads beyond the schedule: the network and layers, since deeper style layers at large stages cost more a pixel. */
export type EstimateOptions = ScheduleOptions &
  Pick<StylizeOptions, 'network' | 'styleLayers' | 'contentLayer' | 'styleScale' | 'styleLevelSide' | 'shifts'>;

/** Seconds per pixel-iteration of a stylize on this backend, untiled (on the native engine: one tile, on every thread). */
export interface StylizeSpeed {
  readonly secondsPerPixelIteration: number;
  /** Measured on the native engine, whose threads are in the measurement and whose one-tile stages run both passes as one. */
  readonly native?: boolean;
}

/** A tiled evaluation's cost over the untiled one's (tiles of 256 at 512²: 1.29×, see `npm run bench`). */
const TILE_OVERHEAD = 1.29;
/** On the native engine, a stage of several tiles over one of a single tile (pass 1 and the halos; see `npm run bench`). */
const NATIVE_TILE_OVERHEAD = 1.3;
/**
 * On the native engine, what a deeper style layer's arithmetic costs over the measured layers'
 * (fewer, wider pixels: its kernels run nearer the CPU's peak). A default stylize's per-pixel cost
 * grew 1.35× from the 256 px stage to the 1024 px one, whose conv3_1…conv4_1 add 77 % to the
 * arithmetic; at 2048 px, tiled, the estimate with this share came within 1 % of the iteration time.
 */
const NATIVE_DEEP_LAYER_SHARE = 0.5;
/**
 * What a stage's start costs, in iterations of that stage: the painting's and the photo's forward
 * passes at the stage's size, and on the native engine its sessions' build. In a default stylize
 * at 512 to 2048 px a stage's first iteration took 1.6–2.6 iterations more than the next on
 * native, 2.75 on a tiled wasm stage, 1.1–1.3 on an untiled one (the small, quick stages).
 */
const STAGE_START_ITERATIONS = 2.5;
/** The share of each added worker that turns into speed (a whole 2048 px stylize, 1 → 2 workers: 1.98×, see `npm run bench`). */
const WORKER_EFFICIENCY = 0.98;

/**
 * Measures {@link StylizeSpeed} with a 3-iteration stylize of a 160 × 160 image on the active backend
 * (under a second on wasm), timing the last two iterations.
 */
export async function measureStylizeSpeed(network?: StylizeOptions['network']): Promise<StylizeSpeed> {
  const side = 160;
  const image = {
    width: side,
    height: side,
    data: new Uint8ClampedArray(side * side * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 251)),
  };
  const stamps: number[] = [];
  await stylize({
    content: image,
    styles: [{ image }],
    ...(network === undefined ? {} : { network }),
    maxSize: side,
    stages: 1,
    iterations: 3,
    onProgress: () => void stamps.push(performance.now()),
  });
  const [, a = 0, b = 0] = stamps;
  const secondsPerPixelIteration = (b - a) / 1000 / (side * side);
  return nativeEngine() === undefined ? { secondsPerPixelIteration } : { secondsPerPixelIteration, native: true };
}

/** A stage's work: its pixel-iterations, width · height · iterations. */
const stageWork = ({ width, height, iterations }: ScheduledStage): number => width * height * iterations;

/** A stage's work and its start's ({@link STAGE_START_ITERATIONS}): what its time is estimated from. */
const stageWorkWithStart = (stage: ScheduledStage): number => stageWork(stage) + stage.width * stage.height * STAGE_START_ITERATIONS;

/**
 * The work of a {@link stylize} with `options`, in pixel-iterations: Σ over the stages of
 * {@link stylizeSchedule} of width · height · iterations. What an estimate multiplies by a speed,
 * and what tells a long run from a short one.
 */
export function scheduleWork(options: ScheduleOptions): number {
  return stylizeSchedule(options).reduce((sum, stage) => sum + stageWork(stage), 0);
}

/** A stage's cost a pixel-iteration over the measured speed's: tiles cost more, and workers share them (threads are in a native measurement already). */
function stageFactor(speed: StylizeSpeed, tiled: boolean, workers: number): number {
  if (!tiled) return 1;
  return speed.native === true ? NATIVE_TILE_OVERHEAD : TILE_OVERHEAD / (1 + (Math.max(1, workers) - 1) * WORKER_EFFICIENCY);
}

/**
 * A stage's cost a pixel-iteration over the measured one's for its layers: {@link convCostPerPixel}
 * of the stage's content and style layers (the network's deeper ones at large stages, see
 * stageSettings) over that of the layers {@link measureStylizeSpeed} ran, the added arithmetic at
 * {@link NATIVE_DEEP_LAYER_SHARE} on the native engine. 1 for a network that is not a ConvNet.
 */
function layerFactor(options: EstimateOptions, speed: StylizeSpeed): (stage: ScheduledStage) => number {
  const network = options.network ?? defaultNetwork();
  if (!(network instanceof ConvNet)) return () => 1;
  const content = options.contentLayer ?? network.contentLayer;
  const base = options.styleLayers ?? network.styleLayers;
  const large = largeStyleLayersFor(network, options.styleLayers);
  const cost = (layers: LayerWeights) => convCostPerPixel(network.spec.layers, [content, ...Object.keys(layers)]);
  const measured = cost(base);
  const share = speed.native === true ? NATIVE_DEEP_LAYER_SHARE : 1;
  return (stage) =>
    1 + share * (cost(styleLayersAt(base, large, Math.max(stage.width, stage.height) * (options.styleScale ?? 1))) / measured - 1);
}

/**
 * Seconds a stage should take at `speed`: its work with its start's × speed × its layers' cost
 * over the measured ones' × its tile overhead ÷ the workers' share (see {@link stageFactor}), once
 * for each of its shifts (see resultShifts); and the same for each of its style levels (see
 * styleLevelSizes), an evaluation of its size each iteration, tiled when `tiled` says a stage of
 * that size is.
 */
function stageSeconds(options: EstimateOptions, speed: StylizeSpeed): (stage: ScheduledStage, tiled: Tiled) => number {
  const layers = layerFactor(options, speed);
  const one = (stage: ScheduledStage, tiled: boolean) =>
    stageWorkWithStart(stage) * layers(stage) * speed.secondsPerPixelIteration * stageFactor(speed, tiled, options.workers ?? 1);
  const side = options.styleLevelSide ?? DEFAULT_STYLE_LEVEL_SIDE;
  const shifts = resultShifts(options.shifts ?? DEFAULT_SHIFTS, stylizeSchedule(options).at(-1)!);
  return (stage, tiled) =>
    styleLevelSizes(stage, side).reduce(
      (sum, size) => sum + one({ ...size, iterations: stage.iterations }, tiled(size)),
      shifts * one(stage, tiled(stage)),
    );
}

/** Whether a stage of this size is evaluated in tiles. */
type Tiled = (size: { readonly width: number; readonly height: number }) => boolean;

/**
 * Seconds {@link stylize} should take with `options` at `speed`: Σ over stages (each once a shift)
 * and their style levels of width·height·(iterations + 2.5 for the stage's start) × speed × the stage's layer cost
 * over the measured one's, tiled stages × their overhead ÷ the workers' share.
 */
export function estimateStylizeSeconds(options: EstimateOptions, speed: StylizeSpeed): number {
  const tileSize = options.tileSize ?? defaultTileSize();
  const seconds = stageSeconds(options, speed);
  const tiled: Tiled = (size) => Math.max(size.width, size.height) > tileSize;
  return stylizeSchedule(options).reduce((sum, stage) => sum + seconds(stage, tiled), 0);
}

/**
 * Seconds a {@link createStylizer} batch of `photos` should take at `speed`: in a batch every
 * stage runs in tiles (a small image as one) and the work spreads over the workers whatever the
 * photos' sizes: Σ over photos and stages of width·height·(iterations + 2.5 for the stage's start)
 * × speed × the tile overhead ÷ the workers' share.
 */
export function estimateBatchSeconds(photos: readonly EstimateOptions[], speed: StylizeSpeed): number {
  return photos.reduce((sum, options) => {
    const tileSize = options.tileSize ?? defaultTileSize();
    const seconds = stageSeconds(options, speed);
    // On the native engine only a stage of several tiles pays the overhead; on tfjs, in a batch, every stage does.
    const tiled: Tiled = (size) => speed.native !== true || Math.max(size.width, size.height) > tileSize;
    return stylizeSchedule(options).reduce((total, stage) => total + seconds(stage, tiled), sum);
  }, 0);
}
