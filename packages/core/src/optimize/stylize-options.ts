import { InvalidImageError, InvalidOptionError, InvalidWeightError, UnknownLayerError } from '../errors.js';
import type { FeatureNetwork, LargeStyleLayers } from '../networks/feature-network.js';
import { assertRgbaImage, MAX_IMAGE_SIDE, type RgbaImage } from '../image/rgba-image.js';
import { defaultTileSize } from '../tiling/tile-size.js';
import type { LayerWeights } from '../costs/style-cost.js';

/**
 * The fewest pixels of a content image {@link stylize} takes: the total-variation term needs two
 * neighbours (a 1×1 photo failed in tfjs's gradient on the tiled path, leaking tensors). A 1-px
 * line (a Figma rule) is still taken.
 */
export const MIN_CONTENT_PIXELS = 2;

/** Adam's default step size. */
const DEFAULT_ADAM_LEARNING_RATE = 0.05;

/** A style image and its share in a blend of several. */
export interface StyleSource {
  readonly image: RgbaImage;
  /** Relative weight in the blend; weights are normalised to sum to 1. Default 1. */
  readonly weight?: number;
}

/** What {@link stylize} reports after each iteration. */
export interface StylizeProgress {
  /** Iterations done, over all stages. */
  readonly iteration: number;
  readonly iterations: number;
  /** Stage of the coarse-to-fine schedule, from 1, and how many there are. */
  readonly stage: number;
  readonly stages: number;
  /** J, and J_content and J_style unweighted and relative to their references, at the image before this iteration's update. */
  readonly loss: number;
  readonly contentLoss: number;
  readonly styleLoss: number;
  readonly elapsedMs: number;
  /**
   * Share of the run's work done, in (0, 1]: iterations weighted by their stage's pixels, since a
   * stage twice the size costs about four times as much per iteration. `elapsedMs · (1 − f) / f`
   * estimates the time left.
   */
  readonly fraction: number;
  /** The current image, every `previewEvery` iterations and at the end of each stage. */
  readonly preview?: RgbaImage;
}

/** The options of {@link stylize}. Only `content` and `styles` are required. */
export interface StylizeOptions {
  readonly content: RgbaImage;
  /** One or more style images, blended by weight. */
  readonly styles: readonly StyleSource[];
  /** The network whose activations define content and style. Default: the embedded network. */
  readonly network?: FeatureNetwork;
  /** Longest side of the result; larger content is scaled down, smaller is never enlarged (the result keeps its size). Default 512. */
  readonly maxSize?: number;
  /** Size of the style image relative to the content, longest side to longest side. Default 1. */
  readonly styleScale?: number;
  /**
   * Whether a stage larger than the painting (× styleScale) sees it enlarged; by default it sees the
   * painting at its own pixels, whose finest scales hold its marks rather than the blur of a resize.
   * Default false.
   */
  readonly enlargeStyle?: boolean;
  /**
   * A stage also matches the painting on its image halved, and halved again, while the halved
   * image's longest side is at least this many pixels: marks too wide for the style layers at the
   * stage's size are seen where they fit (a Gaussian pyramid, Snelgrove 2017); 512 gives the
   * 1024 px stage one level, the 2048 px stage two. Default 0: the stage's image only (levels cost
   * a third more time at 1024 px and did not score better in the large-size study).
   */
  readonly styleLevelSide?: number;
  /**
   * In a result of {@link SHIFTED_RESULT_SIDE} px or more, each stage has its objective averaged
   * over this many diagonal shifts of its image (by 0, 1, … pixels; 1, 2, 4 or 8), so that no phase of the
   * network's pooling grids is rewarded: against the mesh of the strides' period. 1: none. Default
   * {@link DEFAULT_SHIFTS}; each shift costs about one more evaluation per iteration.
   */
  readonly shifts?: number;
  /** α, the weight of the content cost relative to its value for a black image. Default: the network's. */
  readonly contentWeight?: number;
  /** β, the weight of the style cost, each layer's relative to its value at the photo. Default: the network's. */
  readonly styleWeight?: number;
  /** λ per style layer, at every stage. Default: the network's, with its deeper layers at large stages (`largeStyleLayers`). */
  readonly styleLayers?: LayerWeights;
  /** The content layer. Default: the network's. */
  readonly contentLayer?: string;
  /** Weight of the total-variation regulariser, relative to the photo's TV. Default 0.003. */
  readonly tvWeight?: number;
  /** Start from the content image, from noise, or a mix: the share of noise in [0, 1]. Default 'content'. */
  readonly init?: 'content' | 'noise' | number;
  /** Seed of the noise; with the same seed and backend the result is the same. Default 0. */
  readonly seed?: number;
  readonly optimizer?: 'lbfgs' | 'adam';
  /**
   * Iterations over all stages. Default {@link defaultIterations} of the result's size: 100, and
   * {@link LARGE_RESULT_ITERATIONS} for a result of {@link LARGE_ITERATIONS_SIDE} px or more.
   */
  readonly iterations?: number;
  /** Step size: Adam's learning rate (default 0.05) or L-BFGS's step length (default 1). */
  readonly learningRate?: number;
  /** Coarse-to-fine stages, each twice the size of the one before. Default: as many as halve the result down to 16–31 px (5 at 256 px), at most 8. */
  readonly stages?: number;
  /** Each stage gets this many times the iterations of the next, larger one. Default 1. */
  readonly stageRatio?: number;
  /**
   * Start each stage after the first from the last result enlarged plus the photo's detail finer
   * than that result could hold (a Laplacian pyramid level, Burt & Adelson 1983). Default true.
   */
  readonly carryDetail?: boolean;
  /** Transfer luminance only and keep the content's colours. Default false. */
  readonly preserveColors?: boolean;
  /** Include the current pixels in every n-th progress report (0: only at stage ends). Default 0. */
  readonly previewEvery?: number;
  /** Start from the photo recoloured with the style's palette, and keep its content (ignored with preserveColors). Default true. */
  readonly recolour?: boolean;
  /** Compare Gram matrices of activations centred on the style's mean activation. Default true. */
  readonly centredGram?: boolean;
  /** Images whose longest side is over this are evaluated in tiles of this size: memory bounded by the tile, the same result. Default 256; 1024 on the native engine. */
  readonly tileSize?: number;
  /** Threads that evaluate the tiles: the native engine's threads, or workers each with its own wasm tfjs (worker_threads in Node; in a browser Web Workers, once a page called `useTileWorkers`; on wasm or cpu only, else 1). Default 1. */
  readonly workers?: number;
  /** Aborting it stops the run within one iteration: {@link stylize} rejects with a `CancelledError`. */
  readonly signal?: AbortSignal;
  /** Called after every iteration; the run waits for a returned promise (a UI can yield to paint). */
  readonly onProgress?: (progress: StylizeProgress) => void | Promise<void>;
}

/** A value as the caller wrote it: NaN and Infinity as such (JSON would say null), strings quoted. */
const given = (value: unknown): string => (typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)));

const fail = (name: string, value: unknown, expected: string, option = name): never => {
  throw new InvalidOptionError(`stylize: ${name} is ${given(value)}; expected ${expected}.`, option, value);
};

const integer = (name: string, value: number | undefined, fallback: number, min: number, max: number): number => {
  const v = value ?? fallback;
  return Number.isInteger(v) && v >= min && v <= max ? v : fail(name, value, `a whole number from ${min} to ${max}`);
};

const powerOfTwo = (name: string, value: number | undefined, fallback: number, max: number): number => {
  const v = value ?? fallback;
  return Number.isInteger(v) && v >= 1 && v <= max && (v & (v - 1)) === 0 ? v : fail(name, value, `1, 2, 4 … or ${max}`);
};

const positive = (name: string, value: number | undefined, fallback: number): number => {
  const v = value ?? fallback;
  return Number.isFinite(v) && v > 0 ? v : fail(name, value, 'a finite number > 0');
};

const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
  const v = value ?? fallback;
  return Number.isFinite(v) && v >= 0 ? v : fail(name, value, 'a finite number ≥ 0');
};

/** The default {@link StylizeOptions.styleLevelSide}: no style levels (see apps/cli/docs/quality-study.md). */
export const DEFAULT_STYLE_LEVEL_SIDE = 0;

const styleLevelSide = (value: number | undefined): number => {
  const v = value ?? DEFAULT_STYLE_LEVEL_SIDE;
  return Number.isInteger(v) && v >= 0 && v <= MAX_IMAGE_SIDE
    ? v
    : fail('styleLevelSide', value, `a whole number from 0 to ${MAX_IMAGE_SIDE}`);
};

/**
 * The default {@link StylizeOptions.shifts}: two, which took the strides' mesh off the large-size
 * study's 1024 px results at the critic's scores; four scored lower (apps/cli/docs/quality-study.md).
 */
export const DEFAULT_SHIFTS = 2;

/**
 * The smallest result side, px, whose stages average their objective over shifts: 256 px results
 * stay as fast as they were. Every stage of such a result is shifted, the coarse ones too: a mesh
 * they leave is enlarged into streaks at 4 × its period by the stages after them.
 */
export const SHIFTED_RESULT_SIDE = 512;

/**
 * The default iterations of a result of {@link LARGE_ITERATIONS_SIDE} px or more: 150. With the
 * objective averaged over shifts, the iterations past 100 lay down the painting's marks rather
 * than the strides' mesh: in the large-size study the texture gain rose on average and on the
 * worst pair at 1024 px (0.567 → 0.624, worst 0.084 → 0.178) and 2048 px (0.269 → 0.340, worst
 * 0.018 → 0.122), for a tenth of the edges and a third more time; at 512 px the worst pair fell
 * (0.023 → 0.013), so 512 px results keep 100 (apps/cli/docs/quality-study.md).
 */
export const LARGE_RESULT_ITERATIONS = 150;

/** The smallest result side, px, whose default iterations are {@link LARGE_RESULT_ITERATIONS}. */
export const LARGE_ITERATIONS_SIDE = 1024;

/** {@link StylizeOptions.iterations}' default for a result whose longest side is `size` px. */
export function defaultIterations(size: number): number {
  return size >= LARGE_ITERATIONS_SIDE ? LARGE_RESULT_ITERATIONS : 100;
}

/** How many shifts each stage of a result of `size` averages its objective over (see {@link StylizeOptions.shifts}). */
export function resultShifts(shifts: number, size: { readonly width: number; readonly height: number }): number {
  return Math.max(size.width, size.height) >= SHIFTED_RESULT_SIDE ? shifts : 1;
}

/** Stages from a coarsest of 16–31 px up to `size`, at most 8. */
const defaultStages = (size: number) => Math.min(8, 1 + Math.max(0, Math.floor(Math.log2(size / 16))));

/** {@link StylizeOptions} checked and with every default filled in. */
export type ResolvedStylizeOptions = ReturnType<typeof resolveStylizeOptions>;

/** What sets a run's schedule and speed: the content's size and these options (a {@link StylizeOptions} is one). */
export interface ScheduleOptions extends Pick<
  StylizeOptions,
  'maxSize' | 'iterations' | 'stages' | 'stageRatio' | 'tileSize' | 'workers' | 'optimizer'
> {
  readonly content: { readonly width: number; readonly height: number };
}

/** Checks the options of {@link ScheduleOptions} and fills in their defaults. */
export function resolveScheduleOptions(options: ScheduleOptions) {
  const { width, height } = options.content;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidOptionError(`stylize: the content image is ${width}×${height}; it needs a whole number of pixels ≥ 1 each way.`);
  }
  const maxSize = integer('maxSize', options.maxSize, 512, 16, MAX_IMAGE_SIDE);
  const size = Math.min(maxSize, Math.max(width, height));
  return {
    maxSize,
    iterations: integer('iterations', options.iterations, defaultIterations(size), 1, 100_000),
    stages: integer('stages', options.stages, defaultStages(size), 1, 8),
    stageRatio: positive('stageRatio', options.stageRatio, 1),
    tileSize: integer('tileSize', options.tileSize, defaultTileSize(), 16, MAX_IMAGE_SIDE),
    workers: integer('workers', options.workers, 1, 1, 256),
  };
}

/** The network's style layers for large stages, unless the caller chose the layers: those then hold at every stage. */
export function largeStyleLayersFor(network: FeatureNetwork, styleLayers: LayerWeights | undefined): readonly LargeStyleLayers[] {
  return styleLayers === undefined ? (network.largeStyleLayers ?? []) : [];
}

/** Checks `options` and fills in defaults; throws a named error that says which option is wrong. */
export function resolveStylizeOptions(options: StylizeOptions, network: FeatureNetwork) {
  assertRgbaImage(options.content, 'content image');
  const { width, height } = options.content;
  if (width * height < MIN_CONTENT_PIXELS) {
    throw new InvalidImageError(
      `The content image is ${width}×${height} pixels; stylize needs at least ${MIN_CONTENT_PIXELS} (neighbours to compare). Use a larger image.`,
    );
  }
  if (!Array.isArray(options.styles) || options.styles.length === 0) {
    throw new InvalidOptionError('stylize: styles is empty; give at least one style image.');
  }
  const styles = options.styles.map((style, i) => {
    assertRgbaImage(style.image, `style image ${i + 1}`);
    const weight = style.weight ?? 1;
    if (!(Number.isFinite(weight) && weight > 0))
      fail(`the weight of style ${i + 1}`, style.weight, 'a finite number > 0', `styles[${i}].weight`);
    return { image: style.image, weight };
  });
  const total = styles.reduce((sum, s) => sum + s.weight, 0);
  const init = options.init ?? 'content';
  const noise = init === 'content' ? 0 : init === 'noise' ? 1 : init;
  if (typeof noise !== 'number' || !(noise >= 0 && noise <= 1)) fail('init', init, "'content', 'noise' or a share of noise from 0 to 1");
  const optimizer = options.optimizer ?? 'lbfgs';
  if (optimizer !== 'lbfgs' && optimizer !== 'adam') fail('optimizer', optimizer, "'lbfgs' or 'adam'");
  const styleLayers = options.styleLayers ?? network.styleLayers;
  const largeStyleLayers = largeStyleLayersFor(network, options.styleLayers);
  const contentLayer = options.contentLayer ?? network.contentLayer;
  for (const layer of [contentLayer, ...Object.keys(styleLayers), ...largeStyleLayers.flatMap((l) => Object.keys(l.layers))]) {
    if (!network.layers.includes(layer)) {
      throw new UnknownLayerError(`${network.name} has no layer '${layer}'; it has ${network.layers.join(', ')}.`);
    }
  }
  for (const [layer, weight] of Object.entries(styleLayers)) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new InvalidWeightError(`stylize: the weight λ of style layer '${layer}' is ${weight}; it must be a finite number ≥ 0.`);
    }
  }
  return {
    ...resolveScheduleOptions(options),
    content: options.content,
    styles: styles.map((s) => ({ image: s.image, weight: s.weight / total })),
    styleScale: positive('styleScale', options.styleScale, 1),
    enlargeStyle: options.enlargeStyle === true,
    styleLevelSide: styleLevelSide(options.styleLevelSide),
    shifts: powerOfTwo('shifts', options.shifts, DEFAULT_SHIFTS, 8),
    contentWeight: nonNegative('contentWeight', options.contentWeight, network.costWeights.alpha),
    styleWeight: nonNegative('styleWeight', options.styleWeight, network.costWeights.beta),
    styleLayers,
    largeStyleLayers,
    contentLayer,
    tvWeight: nonNegative('tvWeight', options.tvWeight, 0.003),
    noise: noise as number,
    seed: integer('seed', options.seed, 0, 0, 2 ** 31 - 1),
    optimizer,
    learningRate: positive('learningRate', options.learningRate, optimizer === 'adam' ? DEFAULT_ADAM_LEARNING_RATE : 1),
    carryDetail: options.carryDetail !== false,
    preserveColors: options.preserveColors === true,
    previewEvery: integer('previewEvery', options.previewEvery, 0, 0, 100_000),
    recolour: options.recolour !== false,
    centredGram: options.centredGram !== false,
  };
}
