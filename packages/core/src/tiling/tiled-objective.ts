/**
 * {@link createStyleObjective}'s objective, evaluated tile by tile so that memory is bounded by
 * the tile, not the image. Grams are sums over positions: pass 1 sums each tile core's centred
 * Grams into the image's, J_style and ∂J/∂G follow from those on the main thread (nC² numbers a
 * layer), and pass 2 back-propagates each tile with the global ∂J/∂G; each crop's gradient is
 * added into the image's. Content and TV are local. The style images and the photo's references
 * go through the same tiles. See tile-plan.ts for why the crops reproduce the whole image's
 * activations exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { contentCostScale } from '../costs/content-cost.js';
import { layerStyleCostScale } from '../costs/layer-style-cost.js';
import type { ConvNet } from '../networks/conv-net.js';
import { luminancePixels, matchLuminancePixels } from '../image/luminance.js';
import { type Pixels, pixelsOf, resizePixels } from '../image/pixels.js';
import { fitWithin } from '../image/rgba-image.js';
import type { Evaluation, StyleObjective } from '../optimize/style-objective.js';
import type { ResolvedStylizeOptions } from '../optimize/stylize-options.js';
import type { TileExecutor } from './tile-executor.js';
import { type NetworkGeometry, networkGeometry, planTiles, pooledSize, type Tile } from './tile-plan.js';
import type { ForwardRequest, ForwardResult } from './tile-runner.js';

/** How to tile. */
export interface TilingOptions {
  /** Core size of a tile, pixels (rounded down to a multiple of the network's stride). */
  readonly tileSize: number;
  readonly executor: TileExecutor;
  /** Where style targets are kept for the next photo of a batch (by style tensor and fitted size). */
  readonly styleTargets?: StyleTargetCache;
}

const positive = (value: number) => Math.max(value, 1e-12);

/** {@link Evaluation} of an image held as {@link Pixels}: ∂J/∂x as a plain array, which the next evaluation overwrites. */
export interface PixelEvaluation extends Omit<Evaluation, 'gradient'> {
  readonly gradient: Float32Array;
}

/** A tiled objective: also evaluates images held off the tfjs heap. */
export interface TiledObjective extends StyleObjective {
  evaluatePixels(image: Pixels): Promise<PixelEvaluation>;
}

function cut({ data, width }: Pixels, tile: Tile): Float32Array {
  const { top, bottom, left, right } = tile.crop;
  const w = right - left;
  const out = new Float32Array((bottom - top) * w * 3);
  for (let y = top; y < bottom; y++) out.set(data.subarray((y * width + left) * 3, (y * width + right) * 3), (y - top) * w * 3);
  return out;
}

/** Adds a crop's values into the image's. */
function addInto(target: Float32Array, width: number, tile: Tile, crop: Float32Array): void {
  const { top, bottom, left, right } = tile.crop;
  const w = right - left;
  for (let y = top; y < bottom; y++) {
    const at = (y * width + left) * 3;
    const from = (y - top) * w * 3;
    for (let i = 0; i < w * 3; i++) target[at + i]! += crop[from + i]!;
  }
}

/** Runs `work` over `items`, up to `concurrency` at once, in order of start. */
async function each<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}

type PerLayer = Record<string, Float64Array>;

/** A style's target at one fitted size: per style layer, the mean activation and the centred Gram (summed over the style image). */
export interface StyleTarget {
  readonly means: Readonly<Record<string, Float32Array>>;
  readonly grams: Readonly<PerLayer>;
}

/**
 * Style targets by style tensor and a key naming what else they depend on (fitted size, layers,
 * centring), each computed once: a batch of photos of one size shares its styles' Grams. A
 * failed computation is forgotten, so the next photo tries again.
 */
export class StyleTargetCache {
  readonly #byStyle = new WeakMap<tf.Tensor4D, Map<string, Promise<StyleTarget>>>();

  get(style: tf.Tensor4D, key: string, compute: () => Promise<StyleTarget>): Promise<StyleTarget> {
    let held = this.#byStyle.get(style);
    if (held === undefined) this.#byStyle.set(style, (held = new Map()));
    let target = held.get(key);
    if (target === undefined) {
      const map = held;
      target = compute().catch((error: unknown) => {
        map.delete(key);
        throw error;
      });
      held.set(key, target);
    }
    return target;
  }
}

/** Pass 1 over every tile of `image`: the core sums, added up in float64. */
async function forwardAll(
  executor: TileExecutor,
  image: Pixels,
  tiles: readonly Tile[],
  request: Omit<ForwardRequest, 'pixels' | 'height' | 'width' | 'core'>,
  affinity = 0,
): Promise<{ sums: PerLayer; grams: PerLayer[]; squares: number; tv: number }> {
  const sums: PerLayer = {};
  const grams: PerLayer[] = request.gramMeans.map(() => ({}));
  let [squares, tv] = [0, 0];
  const add = (into: PerLayer, from: Record<string, Float32Array>) => {
    for (const [layer, values] of Object.entries(from)) {
      const acc = (into[layer] ??= new Float64Array(values.length));
      for (let i = 0; i < values.length; i++) acc[i]! += values[i]!;
    }
  };
  await each(tiles, executor.concurrency, async (tile) => {
    const { height, width } = { height: tile.crop.bottom - tile.crop.top, width: tile.crop.right - tile.crop.left };
    const result: ForwardResult = await executor.forward(
      { ...request, pixels: cut(image, tile), height, width, core: tile.core },
      affinity + tile.index,
    );
    add(sums, result.sums);
    result.grams.forEach((g, t) => add(grams[t]!, g));
    squares += result.squares;
    tv += result.tv;
  });
  return { sums, grams, squares, tv };
}

let objectives = 0;

/**
 * The objective of {@link createStyleObjective} (same terms, references and weights), evaluated
 * over tiles of `tiling.tileSize` on `tiling.executor`. J and ∂J/∂x equal the untiled ones up to
 * float rounding (tested in tiled-objective.test.ts).
 */
export async function createTiledObjective(
  network: ConvNet,
  settings: ResolvedStylizeOptions,
  photo: Pixels,
  styles: readonly tf.Tensor4D[],
  tiling: TilingOptions,
): Promise<TiledObjective> {
  const { executor } = tiling;
  const id = ++objectives;
  const styleLayers = Object.keys(settings.styleLayers);
  const geometry: NetworkGeometry = networkGeometry(network.spec, [settings.contentLayer, ...styleLayers]);
  const { height, width } = photo;
  const tiles = planTiles(width, height, tiling.tileSize, geometry);
  const dims = (layer: string, h: number, w: number) => {
    const { factor, channels } = geometry.layers[layer]!;
    return { nH: pooledSize(h, factor), nW: pooledSize(w, factor), nC: channels };
  };
  const zeroMeans = Object.fromEntries(styleLayers.map((l) => [l, new Float32Array(geometry.layers[l]!.channels)]));

  // The styles: fitted to the photo × styleScale, their means, then their centred Grams scaled to the photo's area.
  const targets: { weight: number; means: Readonly<Record<string, Float32Array>>; grams: PerLayer }[] = [];
  for (const [i, style] of styles.entries()) {
    const [, sh = 0, sw = 0] = style.shape;
    const fitted = fitWithin(sw, sh, Math.max(width, height) * settings.styleScale);
    const compute = async (): Promise<StyleTarget> => {
      // Resized here, not in tensors: at 4096 px the fitted style alone is 200 MB, which the wasm heap would keep.
      const resized = resizePixels(await pixelsOf(style), fitted);
      const pixels = settings.preserveColors ? matchLuminancePixels(luminancePixels(resized), photo) : resized;
      const styleTiles = planTiles(fitted.width, fitted.height, tiling.tileSize, geometry);
      let means = zeroMeans;
      if (settings.centredGram) {
        const { sums } = await forwardAll(executor, pixels, styleTiles, { sumLayers: styleLayers, gramMeans: [] }, id);
        means = Object.fromEntries(
          styleLayers.map((l) => {
            const { nH, nW } = dims(l, fitted.height, fitted.width);
            return [l, Float32Array.from(sums[l]!, (v) => v / (nH * nW))];
          }),
        );
      }
      const { grams } = await forwardAll(executor, pixels, styleTiles, { sumLayers: [], gramMeans: [means] }, id);
      return { means, grams: grams[0]! };
    };
    // With colours kept the style takes the photo's luminance: its target is this photo's alone.
    const key = `${fitted.width}×${fitted.height} ${settings.centredGram} ${styleLayers.join(',')}`;
    const target =
      settings.preserveColors || tiling.styleTargets === undefined ? await compute() : await tiling.styleTargets.get(style, key, compute);
    const grams = Object.fromEntries(
      styleLayers.map((l) => {
        const [g, a] = [dims(l, height, width), dims(l, fitted.height, fitted.width)];
        return [l, target.grams[l]!.map((v) => Math.fround(v) * ((g.nH * g.nW) / (a.nH * a.nW)))];
      }),
    );
    targets.push({ weight: settings.styles[i]!.weight * settings.styleWeight, means: target.means, grams });
  }

  // The references at the photo: J_content against black, each style layer's cost, TV.
  const contentNorm = contentCostScale(dims(settings.contentLayer, height, width));
  const styleScale = Object.fromEntries(styleLayers.map((l) => [l, layerStyleCostScale(dims(l, height, width))]));
  const atPhoto = await forwardAll(
    executor,
    photo,
    tiles,
    {
      sumLayers: [],
      gramMeans: targets.map((t) => t.means),
      squaresLayer: settings.contentLayer,
      tv: true,
    },
    id,
  );
  const layerStyleCost = (gS: Float64Array, gG: Float64Array, layer: string) => {
    let sum = 0;
    for (let i = 0; i < gS.length; i++) sum += (gS[i]! - gG[i]!) ** 2;
    return sum * styleScale[layer]!;
  };
  const layerWeights = targets.map((t, ti) =>
    Object.fromEntries(
      styleLayers.map((l) => [l, settings.styleLayers[l]! / positive(layerStyleCost(t.grams[l]!, atPhoto.grams[ti]![l]!, l))]),
    ),
  );
  const contentRef = atPhoto.squares * contentNorm;
  const alpha = settings.contentWeight / positive(contentRef);
  const tv = settings.tvWeight / positive(atPhoto.tv);
  const means = targets.map((t) => t.means);
  const contentKey = (tile: Tile) => `${id}:${tile.index}`; // the ':' ends the prefix this objective clears
  const cached = new Set<string>();

  /** What pass 2 of `tile` needs besides ∂J/∂G. */
  const tileRequest = (x: Pixels, tile: Tile) => {
    const key = contentKey(tile);
    return {
      pixels: cut(x, tile),
      ...(cached.has(key) ? {} : { contentPixels: cut(photo, tile) }),
      height: tile.crop.bottom - tile.crop.top,
      width: tile.crop.right - tile.crop.left,
      core: tile.core,
      contentKey: key,
      contentLayer: settings.contentLayer,
      contentScale: alpha * contentNorm,
      means,
      tvScale: tv,
    };
  };
  const costs = (jStyle: number, contentSquares: number, tvSum: number, gradient: Float32Array): PixelEvaluation => {
    const jContent = contentSquares * contentNorm;
    return {
      loss: alpha * jContent + jStyle + tv * tvSum,
      contentLoss: jContent / positive(contentRef),
      styleLoss: jStyle / positive(settings.styleWeight),
      gradient,
    };
  };
  /** w in J_style = Σ w·Σ (G − G_S)², per target and layer. */
  const styleWeights = targets.map((t, ti) =>
    Object.fromEntries(styleLayers.map((l) => [l, t.weight * layerWeights[ti]![l]! * styleScale[l]!])),
  );

  // An image of one tile, on an executor that fuses the passes: one pass, its own Grams giving ∂J/∂G.
  const evaluateWhole = tiles.length === 1 ? executor.evaluateWhole?.bind(executor) : undefined;
  const styleGrams = targets.map((t) => Object.fromEntries(styleLayers.map((l) => [l, Float32Array.from(t.grams[l]!)])));
  const evaluateOneTile = async (x: Pixels, evaluate: NonNullable<typeof evaluateWhole>): Promise<PixelEvaluation> => {
    const tile = tiles[0]!;
    const result = await evaluate({ ...tileRequest(x, tile), styleGrams, styleWeights }, id + tile.index);
    if (result.contentCached) cached.add(contentKey(tile));
    return costs(result.styleCost, result.contentSquares, result.tv, result.gradient);
  };

  let gradient: Float32Array | undefined;
  const evaluatePixels = async (x: Pixels): Promise<PixelEvaluation> => {
    if (evaluateWhole !== undefined) return evaluateOneTile(x, evaluateWhole);
    const { grams } = await forwardAll(executor, x, tiles, { sumLayers: [], gramMeans: means }, id);
    let jStyle = 0;
    const dGrams = targets.map((t, ti) =>
      Object.fromEntries(
        styleLayers.map((l) => {
          const [gS, gG] = [t.grams[l]!, grams[ti]![l]!];
          const w = styleWeights[ti]![l]!;
          const d = new Float32Array(gS.length);
          let sum = 0;
          for (let i = 0; i < gS.length; i++) {
            const diff = gG[i]! - gS[i]!;
            sum += diff * diff;
            d[i] = 2 * w * diff;
          }
          jStyle += w * sum;
          return [l, d];
        }),
      ),
    );
    // One buffer for every evaluation: a fresh one each time would leave the collector a copy of the image behind.
    gradient = gradient?.length === x.data.length ? gradient.fill(0) : new Float32Array(x.data.length);
    const into = gradient;
    let [contentSquares, tvSum] = [0, 0];
    await each(tiles, executor.concurrency, async (tile) => {
      const result = await executor.backward({ ...tileRequest(x, tile), dGrams }, id + tile.index);
      if (result.contentCached) cached.add(contentKey(tile));
      addInto(into, width, tile, result.gradient);
      contentSquares += result.contentSquares;
      tvSum += result.tv;
    });
    return costs(jStyle, contentSquares, tvSum, into);
  };

  return {
    evaluatePixels,
    async evaluate(image): Promise<Evaluation> {
      const { gradient, ...costs } = await evaluatePixels(await pixelsOf(image));
      // A copy: the cpu backend would keep the buffer that the next evaluation overwrites.
      return { ...costs, gradient: tf.tensor4d(gradient.slice(), [1, height, width, 3]) };
    },
    dispose() {
      cached.clear();
      executor.clear(`${id}:`).catch(() => undefined); // a pool closed meanwhile holds nothing
    },
  };
}
