/**
 * The ONNX graphs of a tile's passes (see tile-runner.ts for the same passes in tfjs): pass 1 sums
 * the core's activations and centred Grams, pass 2 returns the gradient of the tile's share of J
 * given the global ∂J/∂G, and a third graph computes a crop's content target. Each is built for one
 * crop size, core and set of layers; what changes between calls (the means, ∂J/∂G, the scales,
 * the content target) are inputs, so one session serves every evaluation of a stage.
 */
import type { TileBox, NetworkGeometry } from '../tiling/tile-plan.js';
import type { NetworkGraph } from './network-graph.js';
import { OnnxGraph } from './onnx-model.js';

/** What a pass-1 graph computes, besides the crop's size and core. */
export interface ForwardGraphShape {
  readonly height: number;
  readonly width: number;
  readonly core: TileBox;
  readonly sumLayers: readonly string[];
  /** Per target: the style layers whose centred Grams are summed. */
  readonly gramLayers: readonly (readonly string[])[];
  readonly squaresLayer?: string;
  readonly tv: boolean;
}

/** What a pass-2 graph computes, besides the crop's size and core. */
export interface BackwardGraphShape {
  readonly height: number;
  readonly width: number;
  readonly core: TileBox;
  readonly contentLayer: string;
  /** Per target: the style layers whose ∂J/∂G are given, or, when `fused`, computed here. */
  readonly styleLayers: readonly (readonly string[])[];
  /**
   * The crop is the whole image (one tile): ∂J/∂G comes from this pass's own Grams and the inputs
   * `styleGram` and `styleWeight`, and J_style is an output, so that pass 1 is not run.
   */
  readonly fused?: boolean;
}

/** Names of the graphs' inputs and outputs. */
export const TILE_IO = {
  image: 'x',
  target: 'target',
  contentScale: 'content_scale',
  tvScale: 'tv_scale',
  mean: (target: number, layer: string) => `mean_${target}_${layer}`,
  dGram: (target: number, layer: string) => `dgram_${target}_${layer}`,
  styleGram: (target: number, layer: string) => `style_gram_${target}_${layer}`,
  styleWeight: (target: number, layer: string) => `style_weight_${target}_${layer}`,
  styleCost: 'style_cost',
  sum: (layer: string) => `sum_${layer}`,
  gram: (target: number, layer: string) => `gram_${target}_${layer}`,
  squares: 'squares',
  tv: 'tv',
  gradient: 'gradient',
} as const;

/** The tile geometry the graphs share: the network, its layers' factors and channels, the crop. */
interface TileContext {
  readonly g: OnnxGraph;
  readonly net: NetworkGraph;
  readonly geometry: NetworkGeometry;
  readonly core: TileBox;
  readonly crop: { readonly height: number; readonly width: number };
}

/** The height and width of `layer`'s activation over the crop. */
const extent = ({ geometry, crop }: TileContext, layer: string): [number, number] => {
  const f = geometry.layers[layer]!.factor;
  return [Math.ceil(crop.height / f), Math.ceil(crop.width / f)];
};

/** The core of an NCHW activation of `layer`: cores start at multiples of the layer's factor. */
function coreBox({ geometry, core }: TileContext, layer: string): TileBox {
  const f = geometry.layers[layer]!.factor;
  return { top: core.top / f, left: core.left / f, bottom: Math.ceil(core.bottom / f), right: Math.ceil(core.right / f) };
}

/** `value[starts:ends]` along `axes`; `value` itself when that is all of it (`full` gives the axes' lengths). */
function slice(
  g: OnnxGraph,
  value: string,
  starts: readonly number[],
  ends: readonly number[],
  axes: readonly number[],
  full?: readonly number[],
): string {
  if (full !== undefined && starts.every((v) => v === 0) && ends.every((v, i) => v === full[i])) return value;
  return g.op('Slice', [value, g.ints(starts), g.ints(ends), g.ints(axes)]);
}

/** Zero padding by ONNX's `pads` (begins, then ends), or `value` itself when there is none. */
const pad = (g: OnnxGraph, value: string, pads: readonly number[]): string =>
  pads.every((p) => p === 0) ? value : g.op('Pad', [value, g.ints(pads)]);

const sumAll = (g: OnnxGraph, value: string) => g.op('ReduceSum', [value], { keepdims: 0 });

/** An activation's core, flattened to `[C, n]` and centred on the input `mean` (`C` values). */
function centredCore(t: TileContext, act: string, layer: string, mean: string): string {
  const { g } = t;
  const box = coreBox(t, layer);
  const channels = t.geometry.layers[layer]!.channels;
  const core = slice(g, act, [box.top, box.left], [box.bottom, box.right], [2, 3], extent(t, layer));
  return g.op('Sub', [g.op('Reshape', [core, g.ints([channels, -1])]), g.op('Reshape', [mean, g.ints([channels, 1])])]);
}

/** The core's total variation, over pairs whose first pixel is in the core (tile-runner's coreTotalVariation), and its gradient when `scale` is given. */
function coreTotalVariation(t: TileContext, x: string, h: number, w: number, scale?: string): { value: string; gradient?: string } {
  const { g, core } = t;
  const [rows, cols] = [core.bottom - core.top, core.right - core.left];
  const pairs = [
    { dy: 1, dx: 0, n: Math.min(core.bottom, h - 1) - core.top, m: cols },
    { dy: 0, dx: 1, n: rows, m: Math.min(core.right, w - 1) - core.left },
  ].filter((p) => p.n > 0 && p.m > 0);
  if (pairs.length === 0) return { value: g.floats([0], []) };
  const values: string[] = [];
  const gradients: string[] = [];
  for (const { dy, dx, n, m } of pairs) {
    const at = (oy: number, ox: number) => slice(g, x, [core.top + oy, core.left + ox], [core.top + oy + n, core.left + ox + m], [1, 2]);
    const d = g.op('Sub', [at(dy, dx), at(0, 0)]);
    values.push(sumAll(g, g.op('Mul', [d, d])));
    if (scale === undefined) continue;
    const twice = g.op('Mul', [d, g.op('Mul', [scale, g.floats([2], [])])]);
    const place = (oy: number, ox: number) =>
      g.op('Pad', [twice, g.ints([0, core.top + oy, core.left + ox, 0, 0, h - core.top - oy - n, w - core.left - ox - m, 0])]);
    gradients.push(g.op('Sub', [place(dy, dx), place(0, 0)]));
  }
  const value = values.length === 1 ? values[0]! : g.op('Add', values);
  if (gradients.length === 0) return { value };
  return { value, gradient: gradients.length === 1 ? gradients[0]! : g.op('Add', gradients) };
}

/** The deepest of `layers` in the network's order. */
function deepest(net: NetworkGraph, layers: readonly string[]): string {
  const names = net.spec.layers.map((l) => l.name);
  return layers.reduce((a, b) => (names.indexOf(b) > names.indexOf(a) ? b : a));
}

const actOf = (net: NetworkGraph, acts: readonly { value: string }[], layer: string) =>
  acts[net.spec.layers.findIndex((l) => l.name === layer) + 1]!.value;

/** Pass 1: per `sumLayers` the core's sums, per target and style layer its centred Gram, and the optional content squares and TV. */
export function forwardModel(net: NetworkGraph, geometry: NetworkGeometry, s: ForwardGraphShape): Uint8Array {
  const g = new OnnxGraph();
  const t: TileContext = { g, net, geometry, core: s.core, crop: s };
  const x = g.input(TILE_IO.image, [1, s.height, s.width, 3]);
  const layers = [...s.sumLayers, ...s.gramLayers.flat(), ...(s.squaresLayer === undefined ? [] : [s.squaresLayer])];
  const acts = layers.length > 0 ? net.forward(g, x, s.height, s.width, deepest(net, layers)).acts : [];
  const core = (layer: string) => {
    const box = coreBox(t, layer);
    return slice(g, actOf(net, acts, layer), [box.top, box.left], [box.bottom, box.right], [2, 3], extent(t, layer));
  };
  for (const layer of s.sumLayers) g.output(TILE_IO.sum(layer), g.op('ReduceSum', [core(layer), g.ints([0, 2, 3])], { keepdims: 0 }));
  s.gramLayers.forEach((styleLayers, target) => {
    for (const layer of styleLayers) {
      const mean = g.input(TILE_IO.mean(target, layer), [geometry.layers[layer]!.channels]);
      const f = centredCore(t, actOf(net, acts, layer), layer, mean);
      g.output(TILE_IO.gram(target, layer), g.op('Gemm', [f, f], { transB: 1 }));
    }
  });
  if (s.squaresLayer !== undefined) {
    const c = core(s.squaresLayer);
    g.output(TILE_IO.squares, sumAll(g, g.op('Mul', [c, c])));
  }
  if (s.tv) g.output(TILE_IO.tv, coreTotalVariation(t, x, s.height, s.width).value);
  return g.toModel();
}

/** The content target of a crop: the core of its activation at `contentLayer`, NCHW. */
export function contentTargetModel(
  net: NetworkGraph,
  geometry: NetworkGeometry,
  s: Pick<BackwardGraphShape, 'height' | 'width' | 'core' | 'contentLayer'>,
): Uint8Array {
  const g = new OnnxGraph();
  const t: TileContext = { g, net, geometry, core: s.core, crop: s };
  const x = g.input(TILE_IO.image, [1, s.height, s.width, 3]);
  const { acts } = net.forward(g, x, s.height, s.width, s.contentLayer);
  const box = coreBox(t, s.contentLayer);
  g.output(
    TILE_IO.target,
    slice(g, actOf(net, acts, s.contentLayer), [box.top, box.left], [box.bottom, box.right], [2, 3], extent(t, s.contentLayer)),
  );
  return g.toModel();
}

/**
 * Pass 2: ∂J/∂x of the tile (NHWC), with the core's `Σ (a − a_C)²` and TV. Each layer's
 * cotangent is tile-runner's: `2·s·(a − a_C)` for content, `(dG + dGᵀ)(a − μ_t)` for style, on the core.
 */
export function backwardModel(net: NetworkGraph, geometry: NetworkGeometry, s: BackwardGraphShape): Uint8Array {
  const g = new OnnxGraph();
  const t: TileContext = { g, net, geometry, core: s.core, crop: s };
  const x = g.input(TILE_IO.image, [1, s.height, s.width, 3]);
  const contentScale = g.input(TILE_IO.contentScale, []);
  const tvScale = g.input(TILE_IO.tvScale, []);
  const layers = [s.contentLayer, ...s.styleLayers.flat()];
  const pass = net.forward(g, x, s.height, s.width, deepest(net, layers));
  const seeds: Record<string, string[]> = {};
  const styleCosts: string[] = [];
  /** ∂J/∂G of a target at a layer: an input, or, fused, 2w·(G − G_S) from this pass's Gram `f·fᵀ` (adding w·Σ(G − G_S)² to J_style). */
  const dGramOf = (target: number, layer: string, f: string, channels: number): string => {
    if (s.fused !== true) return g.input(TILE_IO.dGram(target, layer), [channels, channels]);
    const diff = g.op('Sub', [g.op('Gemm', [f, f], { transB: 1 }), g.input(TILE_IO.styleGram(target, layer), [channels, channels])]);
    const weight = g.input(TILE_IO.styleWeight(target, layer), []);
    styleCosts.push(g.op('Mul', [sumAll(g, g.op('Mul', [diff, diff])), weight]));
    return g.op('Mul', [diff, g.op('Mul', [weight, g.floats([2], [])])]);
  };
  for (const layer of new Set(layers)) {
    const act = pass.acts[net.spec.layers.findIndex((l) => l.name === layer) + 1]!;
    const box = coreBox(t, layer);
    const [hc, wc] = [box.bottom - box.top, box.right - box.left];
    const terms: string[] = [];
    if (layer === s.contentLayer) {
      const target = g.input(TILE_IO.target, [1, act.channels, hc, wc]);
      const core = slice(g, act.value, [box.top, box.left], [box.bottom, box.right], [2, 3], [act.height, act.width]);
      const diff = g.op('Sub', [core, target]);
      g.output(TILE_IO.squares, sumAll(g, g.op('Mul', [diff, diff])));
      terms.push(g.op('Mul', [diff, g.op('Mul', [contentScale, g.floats([2], [])])]));
    }
    s.styleLayers.forEach((styleLayers, target) => {
      if (!styleLayers.includes(layer)) return;
      const f = centredCore(t, act.value, layer, g.input(TILE_IO.mean(target, layer), [act.channels]));
      const dG = dGramOf(target, layer, f, act.channels);
      const dF = g.op('MatMul', [g.op('Add', [dG, g.op('Transpose', [dG])]), f]);
      terms.push(g.op('Reshape', [dF, g.ints([1, act.channels, hc, wc])]));
    });
    const sum = terms.length === 1 ? terms[0]! : g.op('Sum', terms);
    const pads = [0, 0, box.top, box.left, 0, 0, act.height - box.bottom, act.width - box.right];
    seeds[layer] = [pad(g, sum, pads)];
  }
  if (s.fused === true) g.output(TILE_IO.styleCost, styleCosts.length === 0 ? g.floats([0], []) : g.op('Sum', styleCosts));
  const fromNetwork = net.backward(g, pass, seeds);
  const tv = coreTotalVariation(t, x, s.height, s.width, tvScale);
  g.output(TILE_IO.tv, tv.value);
  g.output(TILE_IO.gradient, tv.gradient === undefined ? fromNetwork : g.op('Add', [fromNetwork, tv.gradient]));
  return g.toModel();
}
