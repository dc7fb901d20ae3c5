/**
 * The work of one tile, on whatever tfjs backend is active: the sums and centred Grams of its
 * core's activations (pass 1), and the gradient of its share of J given the global ∂J/∂G
 * (pass 2). Inputs and outputs are plain arrays, so that the same runner serves the main thread
 * and workers with their own tfjs; only tile pixels, gradients, sums and Grams cross.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvNet } from '../networks/conv-net.js';
import { centredGram } from '../costs/centred-gram.js';
import { gramBackward } from '../costs/gram-matrix.js';
import { type NetworkGeometry, networkGeometry, type TileBox } from './tile-plan.js';

/** A tile's pixels: RGB in [0, 1], `height × width × 3`, and its core in the tile's pixels. */
export interface TilePixels {
  readonly pixels: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly core: TileBox;
}

/** Pass 1 of a tile: what to sum over its core. */
export interface ForwardRequest extends TilePixels {
  /** Layers whose activations are summed over the core (for means). */
  readonly sumLayers: readonly string[];
  /** Per target, per style layer: the mean the Gram is centred on (`nC` values). */
  readonly gramMeans: readonly Readonly<Record<string, Float32Array>>[];
  /** Also sum the squared activations of this layer (J_content against a black image). */
  readonly squaresLayer?: string;
  /** Also sum the core's total variation. */
  readonly tv?: boolean;
}

/** What pass 1 returns: sums over the core. */
export interface ForwardResult {
  readonly sums: Record<string, Float32Array>;
  /** Per target, per layer: `Σ (a − μ)(a − μ)ᵀ` over the core, `nC × nC` row-major. */
  readonly grams: Record<string, Float32Array>[];
  readonly squares: number;
  readonly tv: number;
}

/** Pass 2 of a tile. */
export interface BackwardRequest extends TilePixels {
  /** The content image's pixels over the same crop, or undefined when `contentKey` is cached. */
  readonly contentPixels?: Float32Array;
  /** Names this crop of this stage's content image, for the runner's cache of content targets. */
  readonly contentKey: string;
  readonly contentLayer: string;
  /** ∂J/∂(Σ (a − a_C)² over all positions): α / (4·nH·nW·nC) / J_content(C, 0). */
  readonly contentScale: number;
  /** Per target, per style layer: the mean the Gram is centred on, and ∂J/∂G (`nC × nC`). */
  readonly means: readonly Readonly<Record<string, Float32Array>>[];
  readonly dGrams: readonly Readonly<Record<string, Float32Array>>[];
  /** ∂J/∂TV. */
  readonly tvScale: number;
}

/** What pass 2 returns: ∂J/∂(tile pixels) and the core's content and TV sums. */
export interface BackwardResult {
  readonly gradient: Float32Array;
  /** `Σ (a − a_C)²` over the core. */
  readonly contentSquares: number;
  readonly tv: number;
  /** Whether the runner now holds this tile's content target under `contentKey`. */
  readonly contentCached: boolean;
}

/**
 * A whole evaluation of an image that is one tile, in one pass (an executor's optional
 * {@link TileExecutor.evaluateWhole}): ∂J/∂G from the pass's own Grams, so pass 1 is skipped.
 */
export interface WholeTileRequest extends Omit<BackwardRequest, 'dGrams'> {
  /** Per target, per style layer: the style's centred Gram scaled to the image's area (`nC × nC`). */
  readonly styleGrams: readonly Readonly<Record<string, Float32Array>>[];
  /** Per target, per style layer: w in J_style = Σ w·Σ (G − G_S)². */
  readonly styleWeights: readonly Readonly<Record<string, number>>[];
}

/** What a whole evaluation returns: pass 2's result and J_style. */
export interface WholeTileResult extends BackwardResult {
  readonly styleCost: number;
}

/** Keeps up to this many bytes of content targets per runner; beyond, they are recomputed. */
export const DEFAULT_CONTENT_CACHE_BYTES = 64 * 2 ** 20;

/** The core rows and columns of a layer of downsampling `factor`: cores start at multiples of the stride. */
function coreOf(a: tf.Tensor4D, core: TileBox, factor: number): tf.Tensor4D {
  const [top, left] = [core.top / factor, core.left / factor];
  const [bottom, right] = [Math.ceil(core.bottom / factor), Math.ceil(core.right / factor)];
  return tf.slice(a, [0, top, left, 0], [1, bottom - top, right - left, -1]);
}

/** The total variation of the pairs (i, i+1) whose first pixel lies in the core and second in the crop. */
function coreTotalVariation(x: tf.Tensor4D, core: TileBox): tf.Scalar {
  const [, h = 0, w = 0] = x.shape;
  const cols = core.right - core.left;
  const rows = core.bottom - core.top;
  const downRows = Math.min(core.bottom, h - 1) - core.top;
  const rightCols = Math.min(core.right, w - 1) - core.left;
  const pairs = (dy: number, dx: number, n: number, m: number): tf.Scalar =>
    n <= 0 || m <= 0
      ? tf.scalar(0)
      : tf.sum(
          tf.squaredDifference(
            tf.slice(x, [0, core.top + dy, core.left + dx, 0], [1, n, m, -1]),
            tf.slice(x, [0, core.top, core.left, 0], [1, n, m, -1]),
          ),
        );
  return tf.add(pairs(1, 0, downRows, cols), pairs(0, 1, rows, rightCols));
}

/** Runs tiles on the active backend with `network`. */
export class TileRunner {
  readonly #network: ConvNet;
  readonly #geometry: NetworkGeometry;
  readonly #cacheBytes: number;
  readonly #targets = new Map<string, tf.Tensor4D>();
  #cached = 0;

  constructor(network: ConvNet, cacheBytes = DEFAULT_CONTENT_CACHE_BYTES) {
    this.#network = network;
    this.#geometry = networkGeometry(network.spec, network.layers);
    this.#cacheBytes = cacheBytes;
  }

  #factor(layer: string): number {
    return this.#geometry.layers[layer]?.factor ?? 1;
  }

  async forward(r: ForwardRequest): Promise<ForwardResult> {
    const styleLayers = [...new Set(r.gramMeans.flatMap((m) => Object.keys(m)))];
    const layers = [...new Set([...r.sumLayers, ...styleLayers, ...(r.squaresLayer === undefined ? [] : [r.squaresLayer])])];
    const out = tf.tidy(() => {
      const x = tf.tensor4d(r.pixels, [1, r.height, r.width, 3]);
      const acts = layers.length > 0 ? this.#network.extract(x, layers) : {};
      const core = (layer: string) => coreOf(acts[layer]!, r.core, this.#factor(layer));
      const sums = r.sumLayers.map((l) => tf.sum(core(l), [0, 1, 2]));
      const grams = r.gramMeans.map((means) => Object.entries(means).map(([l, mean]) => centredGram(core(l), mean)));
      const scalars = tf.stack([
        r.squaresLayer === undefined ? tf.scalar(0) : tf.sum(tf.square(core(r.squaresLayer))),
        r.tv === true ? coreTotalVariation(x, r.core) : tf.scalar(0),
      ]);
      return { sums, grams, scalars };
    });
    try {
      const sums = Object.fromEntries(
        await Promise.all(r.sumLayers.map(async (l, i) => [l, (await out.sums[i]!.data()) as Float32Array] as const)),
      );
      const grams = await Promise.all(
        r.gramMeans.map(async (means, t) =>
          Object.fromEntries(
            await Promise.all(Object.keys(means).map(async (l, i) => [l, (await out.grams[t]![i]!.data()) as Float32Array] as const)),
          ),
        ),
      );
      const [squares = NaN, tv = NaN] = await out.scalars.data();
      return { sums, grams, squares, tv };
    } finally {
      tf.dispose([...out.sums, ...out.grams.flat(), out.scalars]);
    }
  }

  #contentTarget(r: BackwardRequest): tf.Tensor4D {
    const held = this.#targets.get(r.contentKey);
    if (held !== undefined) return held;
    if (r.contentPixels === undefined) throw new Error(`TileRunner: no content pixels for ${r.contentKey}, and none cached.`);
    const pixels = r.contentPixels;
    const target = tf.tidy(() => {
      const c = tf.tensor4d(pixels, [1, r.height, r.width, 3]);
      return coreOf(this.#network.extract(c, [r.contentLayer])[r.contentLayer]!, r.core, this.#factor(r.contentLayer));
    });
    const bytes = target.size * 4;
    if (this.#cached + bytes <= this.#cacheBytes) {
      this.#targets.set(r.contentKey, target);
      this.#cached += bytes;
    }
    return target;
  }

  async backward(r: BackwardRequest): Promise<BackwardResult> {
    const target = this.#contentTarget(r);
    let contentSquares: tf.Scalar | undefined;
    // Each layer's cotangent ∂J/∂a: 2·scale·(a − a_C) for content, Σ_t (a − μ_t)(dG_t + dG_tᵀ) for style, on the core.
    const cotangents: Record<string, (a: tf.Tensor4D) => tf.Tensor4D> = {};
    const layers = [...new Set([r.contentLayer, ...r.dGrams.flatMap((d) => Object.keys(d))])];
    for (const layer of layers) {
      cotangents[layer] = (a) => {
        const factor = this.#factor(layer);
        const c = coreOf(a, r.core, factor);
        const [, h = 0, w = 0, nC = 0] = c.shape;
        const terms: tf.Tensor4D[] = [];
        if (layer === r.contentLayer) {
          const diff = tf.sub<tf.Tensor4D>(c, target);
          contentSquares = tf.keep(tf.sum<tf.Scalar>(tf.square(diff)));
          terms.push(tf.mul(diff, 2 * r.contentScale));
        }
        r.dGrams.forEach((dG, t) => {
          const d = dG[layer];
          if (d === undefined) return;
          terms.push(gramBackward(tf.sub(c, r.means[t]![layer]!), tf.tensor2d(d, [nC, nC])));
        });
        const [, H = 0, W = 0] = a.shape;
        const [top, left] = [r.core.top / factor, r.core.left / factor];
        return tf.pad(terms.length === 1 ? terms[0]! : tf.addN(terms), [
          [0, 0],
          [top, H - top - h],
          [left, W - left - w],
          [0, 0],
        ]);
      };
    }
    const out = tf.tidy(() => {
      const x = tf.tensor4d(r.pixels, [1, r.height, r.width, 3]);
      const fromNetwork = this.#network.backpropagate(x, cotangents);
      const { value: tv, grad: fromTv } = tf.valueAndGrad((input: tf.Tensor) => coreTotalVariation(input as tf.Tensor4D, r.core))(x);
      return { grad: tf.add<tf.Tensor4D>(fromNetwork, tf.mul(fromTv, r.tvScale)), sums: tf.stack([contentSquares ?? tf.scalar(NaN), tv]) };
    });
    try {
      const [gradient, sums] = await Promise.all([out.grad.data(), out.sums.data()]);
      return {
        gradient: gradient as Float32Array,
        contentSquares: sums[0] ?? NaN,
        tv: sums[1] ?? NaN,
        contentCached: this.#targets.has(r.contentKey),
      };
    } finally {
      tf.dispose([out.grad, out.sums, contentSquares]);
      if (!this.#targets.has(r.contentKey)) target.dispose();
    }
  }

  /** Frees the cached content targets, or only those whose key starts with `prefix`. */
  clear(prefix = ''): void {
    for (const [key, target] of this.#targets) {
      if (!key.startsWith(prefix)) continue;
      this.#cached -= target.size * 4;
      target.dispose();
      this.#targets.delete(key);
    }
  }
}
