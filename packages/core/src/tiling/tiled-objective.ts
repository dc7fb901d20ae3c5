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
import { clampPositive } from '../costs/clamp-positive.js';
import type { ConvNet } from '../networks/conv-net.js';
import { luminancePixels, matchLuminancePixels } from '../image/luminance.js';
import { type Pixels, pixelsOf, resizePixels } from '../image/pixels.js';
import { stageStyleSize } from '../optimize/stage-style-size.js';
import type { Evaluation, ObjectiveSettings, StyleObjective } from '../optimize/style-objective.js';
import { inLanes } from './in-lanes.js';
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
  await inLanes(tiles, executor.concurrency, async (tile) => {
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

/** What every part of a tiled objective works with, fixed when it is made. */
interface TiledSetup {
  /** Names this objective's content targets in the executor's cache. */
  readonly id: number;
  readonly settings: ObjectiveSettings;
  readonly photo: Pixels;
  readonly executor: TileExecutor;
  readonly tileSize: number;
  readonly tiles: readonly Tile[];
  readonly geometry: NetworkGeometry;
  readonly styleLayers: readonly string[];
}

/** A style's target at the photo's size: its weight (w_s·β), its means, and its centred Grams scaled to the photo's area. */
interface ScaledTarget {
  readonly weight: number;
  readonly means: Readonly<Record<string, Float32Array>>;
  readonly grams: PerLayer;
}

/** `nH`, `nW`, `nC` of `layer`'s activation over an `h × w` image. */
function dims({ geometry }: TiledSetup, layer: string, h: number, w: number) {
  const { factor, channels } = geometry.layers[layer]!;
  return { nH: pooledSize(h, factor), nW: pooledSize(w, factor), nC: channels };
}

/** A style's means and centred Grams at `fitted` size, summed over its tiles. */
async function computeStyleTarget(setup: TiledSetup, style: tf.Tensor4D, fitted: { width: number; height: number }): Promise<StyleTarget> {
  const { settings, styleLayers, executor, id } = setup;
  // Resized here, not in tensors: at 4096 px the fitted style alone is 200 MB, which the wasm heap would keep.
  const resized = resizePixels(await pixelsOf(style), fitted);
  const pixels = settings.preserveColors ? matchLuminancePixels(luminancePixels(resized), setup.photo) : resized;
  const styleTiles = planTiles(fitted.width, fitted.height, setup.tileSize, setup.geometry);
  let means = Object.fromEntries(styleLayers.map((l) => [l, new Float32Array(setup.geometry.layers[l]!.channels)]));
  if (settings.centredGram) {
    const { sums } = await forwardAll(executor, pixels, styleTiles, { sumLayers: styleLayers, gramMeans: [] }, id);
    means = Object.fromEntries(
      styleLayers.map((l) => {
        const { nH, nW } = dims(setup, l, fitted.height, fitted.width);
        return [l, Float32Array.from(sums[l]!, (v) => v / (nH * nW))];
      }),
    );
  }
  const { grams } = await forwardAll(executor, pixels, styleTiles, { sumLayers: [], gramMeans: [means] }, id);
  return { means, grams: grams[0]! };
}

/** The styles fitted to the photo × styleScale, their targets (from `cache` when it has them), scaled to the photo's area. */
async function scaledTargets(setup: TiledSetup, styles: readonly tf.Tensor4D[], cache?: StyleTargetCache): Promise<ScaledTarget[]> {
  const { settings, styleLayers, photo } = setup;
  const targets: ScaledTarget[] = [];
  for (const [i, style] of styles.entries()) {
    const [, sh = 0, sw = 0] = style.shape;
    const fitted = stageStyleSize({ width: sw, height: sh }, photo, settings);
    const compute = () => computeStyleTarget(setup, style, fitted);
    // With colours kept the style takes the photo's luminance: its target is this photo's alone.
    const key = `${fitted.width}×${fitted.height} ${settings.centredGram} ${styleLayers.join(',')}`;
    const target = settings.preserveColors || cache === undefined ? await compute() : await cache.get(style, key, compute);
    const grams = Object.fromEntries(
      styleLayers.map((l) => {
        const [g, a] = [dims(setup, l, photo.height, photo.width), dims(setup, l, fitted.height, fitted.width)];
        return [l, target.grams[l]!.map((v) => Math.fround(v) * ((g.nH * g.nW) / (a.nH * a.nW)))];
      }),
    );
    targets.push({ weight: settings.styles[i]!.weight * settings.styleWeight, means: target.means, grams });
  }
  return targets;
}

/** The terms' scales, from their values at the photo: J_content against black, each style layer's cost, TV. */
interface References {
  /** 1/(4·nH·nW·nC) at the content layer. */
  readonly contentNorm: number;
  /** J_content(C, 0). */
  readonly contentRef: number;
  /** α / J_content(C, 0). */
  readonly alpha: number;
  /** tv / TV(C). */
  readonly tv: number;
  /** Per target and layer: w in J_style = Σ w·Σ (G − G_S)² (w_s·β · λ_l / J_style^l(S, C) · 1/(2·nH·nW·nC)²). */
  readonly styleWeights: readonly Readonly<Record<string, number>>[];
}

/** The references at the photo (one pass 1 over its tiles), and the weights they give. */
async function photoReferences(setup: TiledSetup, targets: readonly ScaledTarget[]): Promise<References> {
  const { settings, styleLayers, photo } = setup;
  const contentNorm = contentCostScale(dims(setup, settings.contentLayer, photo.height, photo.width));
  const styleScale = Object.fromEntries(styleLayers.map((l) => [l, layerStyleCostScale(dims(setup, l, photo.height, photo.width))]));
  const request = { sumLayers: [], gramMeans: targets.map((t) => t.means), squaresLayer: settings.contentLayer, tv: true };
  const atPhoto = await forwardAll(setup.executor, photo, setup.tiles, request, setup.id);
  const styleCostAt = (gS: Float64Array, gG: Float64Array, layer: string) => {
    let sum = 0;
    for (let i = 0; i < gS.length; i++) sum += (gS[i]! - gG[i]!) ** 2;
    return sum * styleScale[layer]!;
  };
  const styleWeights = targets.map((t, ti) =>
    Object.fromEntries(
      styleLayers.map((l) => {
        const lambda = settings.styleLayers[l]! / clampPositive(styleCostAt(t.grams[l]!, atPhoto.grams[ti]![l]!, l));
        return [l, t.weight * lambda * styleScale[l]!];
      }),
    ),
  );
  const contentRef = atPhoto.squares * contentNorm;
  return {
    contentNorm,
    contentRef,
    alpha: settings.contentWeight / clampPositive(contentRef),
    tv: settings.tvWeight / clampPositive(atPhoto.tv),
    styleWeights,
  };
}

/** J_style from the image's Grams, and ∂J/∂G per target and layer: 2w·(G − G_S). */
function styleGradients(targets: readonly ScaledTarget[], grams: readonly PerLayer[], refs: References, styleLayers: readonly string[]) {
  let jStyle = 0;
  const dGrams = targets.map((t, ti) =>
    Object.fromEntries(
      styleLayers.map((l) => {
        const [gS, gG] = [t.grams[l]!, grams[ti]![l]!];
        const w = refs.styleWeights[ti]![l]!;
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
  return { jStyle, dGrams };
}

/**
 * J and ∂J/∂x of an image held as {@link Pixels}: pass 1 over every tile, ∂J/∂G, pass 2 over every
 * tile; or, for an image of one tile on an executor that fuses the passes, one pass whose own
 * Grams give ∂J/∂G. `cached` names the tiles whose content targets the executor holds.
 */
function tiledEvaluation(setup: TiledSetup, targets: readonly ScaledTarget[], refs: References, cached: Set<string>) {
  const { settings, executor, tiles, photo, id } = setup;
  const means = targets.map((t) => t.means);
  const contentKey = (tile: Tile) => `${id}:${tile.index}`; // the ':' ends the prefix this objective clears
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
      contentScale: refs.alpha * refs.contentNorm,
      means,
      tvScale: refs.tv,
    };
  };
  const costs = (jStyle: number, contentSquares: number, tvSum: number, gradient: Float32Array): PixelEvaluation => {
    const jContent = contentSquares * refs.contentNorm;
    return {
      loss: refs.alpha * jContent + jStyle + refs.tv * tvSum,
      contentLoss: jContent / clampPositive(refs.contentRef),
      styleLoss: jStyle / clampPositive(settings.styleWeight),
      gradient,
    };
  };
  const whole = tiles.length === 1 ? executor.evaluateWhole?.bind(executor) : undefined;
  const styleGrams = targets.map((t) => Object.fromEntries(setup.styleLayers.map((l) => [l, Float32Array.from(t.grams[l]!)])));
  let gradient: Float32Array | undefined;
  return async (x: Pixels): Promise<PixelEvaluation> => {
    if (whole !== undefined) {
      const tile = tiles[0]!;
      const result = await whole({ ...tileRequest(x, tile), styleGrams, styleWeights: refs.styleWeights }, id + tile.index);
      if (result.contentCached) cached.add(contentKey(tile));
      return costs(result.styleCost, result.contentSquares, result.tv, result.gradient);
    }
    const { grams } = await forwardAll(executor, x, tiles, { sumLayers: [], gramMeans: means }, id);
    const { jStyle, dGrams } = styleGradients(targets, grams, refs, setup.styleLayers);
    // One buffer for every evaluation: a fresh one each time would leave the collector a copy of the image behind.
    gradient = gradient?.length === x.data.length ? gradient.fill(0) : new Float32Array(x.data.length);
    const into = gradient;
    let [contentSquares, tvSum] = [0, 0];
    await inLanes(tiles, executor.concurrency, async (tile) => {
      const result = await executor.backward({ ...tileRequest(x, tile), dGrams }, id + tile.index);
      if (result.contentCached) cached.add(contentKey(tile));
      addInto(into, photo.width, tile, result.gradient);
      contentSquares += result.contentSquares;
      tvSum += result.tv;
    });
    return costs(jStyle, contentSquares, tvSum, into);
  };
}

/**
 * The objective of {@link createStyleObjective} (same terms, references and weights), evaluated
 * over tiles of `tiling.tileSize` on `tiling.executor`. J and ∂J/∂x equal the untiled ones up to
 * float rounding (tested in tiled-objective.test.ts).
 */
export async function createTiledObjective(
  network: ConvNet,
  settings: ObjectiveSettings,
  photo: Pixels,
  styles: readonly tf.Tensor4D[],
  tiling: TilingOptions,
): Promise<TiledObjective> {
  const styleLayers = Object.keys(settings.styleLayers);
  const geometry = networkGeometry(network.spec, [settings.contentLayer, ...styleLayers]);
  const tiles = planTiles(photo.width, photo.height, tiling.tileSize, geometry);
  const { executor, tileSize } = tiling;
  const id = ++objectives;
  const setup: TiledSetup = { id, settings, photo, executor, tileSize, tiles, geometry, styleLayers };
  const targets = await scaledTargets(setup, styles, tiling.styleTargets);
  const cached = new Set<string>();
  const evaluatePixels = tiledEvaluation(setup, targets, await photoReferences(setup, targets), cached);
  return {
    evaluatePixels,
    async evaluate(image): Promise<Evaluation> {
      const { gradient, ...costs } = await evaluatePixels(await pixelsOf(image));
      // A copy: the cpu backend would keep the buffer that the next evaluation overwrites.
      return { ...costs, gradient: tf.tensor4d(gradient.slice(), [1, photo.height, photo.width, 3]) };
    },
    dispose() {
      cached.clear();
      executor.clear(`${id}:`).catch(() => undefined); // a pool closed meanwhile holds nothing
    },
  };
}
