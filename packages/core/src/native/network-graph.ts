/**
 * A {@link ConvNet} written as ONNX nodes at one fixed input size: its forward pass, and the same
 * reverse mode as `ConvNet.backpropagate` (each conv's input gradient a convolution of the masked
 * output gradient with the flipped kernel, each pool's its transpose), so that a whole tile's
 * value and gradient run as one native graph. Shapes are static: ONNX Runtime plans memory and
 * picks kernels once per shape, and tfjs's 'same' pooling places its padding by the parity of its
 * input, which a fixed shape settles.
 */
import type { ConvNetLayer, ConvNetSpec } from '../networks/conv-net.js';
import { InvalidModelError } from '../errors.js';
import type { OnnxGraph } from './onnx-model.js';
import { POOL_KERNEL, samePoolPadding, windowCounts } from '../networks/same-pool.js';

/** A per-pixel affine map of RGB: `out_k = Σ_c matrix[k·3 + c]·rgb_c + bias_k` (the network's preprocessing). */
export interface AffineMap {
  readonly matrix: Float32Array;
  readonly bias: Float32Array;
}

/** An activation in the graph: its value's name and its NCHW shape (batch 1). */
export interface Activation {
  readonly value: string;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** Reverse mode needs, per layer: its input and output activations. */
export interface ForwardPass {
  /** `acts[0]` is the preprocessed image; `acts[i + 1]` the output of layer i. */
  readonly acts: readonly Activation[];
  readonly layers: readonly ConvNetLayer[];
}

/** HWIO (tfjs) → OIHW (ONNX); with `flip`, the kernel of the input gradient instead: IOHW, rotated 180°. */
function onnxFilter(layer: Extract<ConvNetLayer, { kind: 'conv' }>, flip: boolean): { data: Float32Array; dims: number[] } {
  const [kh, kw, inC, outC] = layer.filterShape;
  const [rows, cols] = flip ? [inC, outC] : [outC, inC];
  const data = new Float32Array(layer.filter.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++) {
          const [r, c, yy, xx] = flip ? [i, o, kh - 1 - y, kw - 1 - x] : [o, i, y, x];
          data[((r * cols + c) * kh + yy) * kw + xx] = layer.filter[((y * kw + x) * inC + i) * outC + o]!;
        }
  return { data, dims: [rows, cols, kh, kw] };
}

/** The network's layers as ONNX constants, made once and written into every graph that needs them. */
export class NetworkGraph {
  readonly spec: ConvNetSpec;
  readonly #preprocess: AffineMap;
  readonly #filters = new Map<
    string,
    { forward: { data: Float32Array; dims: number[] }; backward: { data: Float32Array; dims: number[] } }
  >();

  constructor(spec: ConvNetSpec, preprocess: AffineMap) {
    if ((spec.padding ?? 'zero') !== 'zero') {
      throw new InvalidModelError(`${spec.name}: the native engine runs zero-padded networks only; this one pads by '${spec.padding}'.`);
    }
    this.spec = spec;
    this.#preprocess = preprocess;
    for (const layer of spec.layers) {
      if (layer.kind === 'conv') this.#filters.set(layer.name, { forward: onnxFilter(layer, false), backward: onnxFilter(layer, true) });
    }
  }

  /** Bytes of the activations of an `height × width` image up to layer `last` (float32, the input's 3 channels included). */
  activationBytes(height: number, width: number, last: string): number {
    let [h, w, total] = [height, width, height * width * 3];
    for (const layer of this.layersTo(last)) {
      if (layer.kind === 'pool') [h, w] = [Math.ceil(h / 2), Math.ceil(w / 2)];
      else total += h * w * layer.filterShape[3];
    }
    return total * 4;
  }

  /** The layers up to and including `last`. */
  layersTo(last: string): readonly ConvNetLayer[] {
    const index = this.spec.layers.findIndex((l) => l.name === last);
    if (index < 0) throw new InvalidModelError(`${this.spec.name} has no layer '${last}'.`);
    return this.spec.layers.slice(0, index + 1);
  }

  /** The forward pass of an NHWC image `[1, height, width, 3]` up to layer `last`. */
  forward(g: OnnxGraph, imageNhwc: string, height: number, width: number, last: string): ForwardPass {
    const layers = this.layersTo(last);
    const nchw = g.op('Transpose', [imageNhwc], { perm: [0, 3, 1, 2] });
    const pre = g.op('Conv', [nchw, g.floats(this.#preprocess.matrix, [3, 3, 1, 1]), g.floats(this.#preprocess.bias, [3])]);
    const acts: Activation[] = [{ value: pre, channels: 3, height, width }];
    for (const layer of layers) acts.push(this.#layerForward(g, layer, acts.at(-1)!));
    return { acts, layers };
  }

  #layerForward(g: OnnxGraph, layer: ConvNetLayer, x: Activation): Activation {
    if (layer.kind === 'conv') {
      const [kh, kw, , outC] = layer.filterShape;
      const { forward } = this.#filters.get(layer.name)!;
      const [ph, pw] = [(kh - 1) / 2, (kw - 1) / 2];
      const conv = g.op('Conv', [x.value, g.floats(forward.data, forward.dims), g.floats(layer.bias, [outC])], {
        pads: [ph, pw, ph, pw],
      });
      return { value: g.op('Relu', [conv]), channels: outC, height: x.height, width: x.width };
    }
    const k = POOL_KERNEL[layer.mode];
    const [[t, b], [l, r]] = [samePoolPadding(x.height, k), samePoolPadding(x.width, k)];
    const attributes = { kernel_shape: [k, k], strides: [2, 2], pads: [t, l, b, r] };
    const value =
      layer.mode === 'max'
        ? g.op('MaxPool', [x.value], attributes)
        : g.op('AveragePool', [x.value], { ...attributes, count_include_pad: 0 });
    return { value, channels: x.channels, height: Math.ceil(x.height / 2), width: Math.ceil(x.width / 2) };
  }

  /**
   * `∂/∂image Σ_l ⟨c_l, a_l⟩` as NHWC `[1, H, W, 3]`, where `seeds[l]` lists the names of the
   * cotangents `c_l` (each the shape of layer l's activation) to add at layer l.
   */
  backward(g: OnnxGraph, pass: ForwardPass, seeds: Readonly<Record<string, readonly string[]>>): string {
    let dy: string | undefined;
    for (let i = pass.layers.length - 1; i >= 0; i--) {
      const layer = pass.layers[i]!;
      for (const seed of seeds[layer.name] ?? []) dy = dy === undefined ? seed : g.op('Add', [dy, seed]);
      if (dy !== undefined) dy = this.#layerBackward(g, layer, dy, pass.acts[i]!, pass.acts[i + 1]!);
    }
    const input = pass.acts[0]!;
    if (dy === undefined) return g.op('ConstantOfShape', [g.ints([1, input.height, input.width, 3])]);
    const m = this.#preprocess.matrix;
    const transposed = Float32Array.from({ length: 9 }, (_, i) => m[(i % 3) * 3 + Math.floor(i / 3)]!);
    return g.op('Transpose', [g.op('Conv', [dy, g.floats(transposed, [3, 3, 1, 1])])], { perm: [0, 2, 3, 1] });
  }

  #layerBackward(g: OnnxGraph, layer: ConvNetLayer, dy: string, x: Activation, y: Activation): string {
    if (layer.kind === 'conv') {
      const [kh, kw] = layer.filterShape;
      const { backward } = this.#filters.get(layer.name)!;
      const masked = g.op('Where', [g.op('Greater', [y.value, g.floats([0], [])]), dy, g.floats([0], [])]);
      const [ph, pw] = [(kh - 1) / 2, (kw - 1) / 2];
      return g.op('Conv', [masked, g.floats(backward.data, backward.dims)], { pads: [ph, pw, ph, pw] });
    }
    if (layer.mode === 'max') return this.#maxPoolBackward(g, dy, x);
    const k = POOL_KERNEL[layer.mode];
    const [[t, b], [l, r]] = [samePoolPadding(x.height, k), samePoolPadding(x.width, k)];
    // Each output's gradient shared among the inputs its window saw (padding excluded), summed back
    // by a transposed convolution of ones; the channels ride as the batch, so one 1→1 kernel serves.
    const scaled = g.op('Div', [dy, g.floats(windowCounts(x.height, x.width, k), [1, 1, y.height, y.width])]);
    const batched = g.op('Reshape', [scaled, g.ints([x.channels, 1, y.height, y.width])]);
    const spread = g.op('ConvTranspose', [batched, g.floats(new Float32Array(k * k).fill(1), [1, 1, k, k])], {
      strides: [2, 2],
      pads: [t, l, b, r],
    });
    return g.op('Reshape', [spread, g.ints([1, x.channels, x.height, x.width])]);
  }

  /** A max pool's input gradient: each output's gradient to the input its window took (MaxPool's indices). */
  #maxPoolBackward(g: OnnxGraph, dy: string, x: Activation): string {
    const [[t, b], [l, r]] = [samePoolPadding(x.height, 2), samePoolPadding(x.width, 2)];
    const [, indices] = g.ops('MaxPool', [x.value], 2, { kernel_shape: [2, 2], strides: [2, 2], pads: [t, l, b, r] });
    const zeros = g.op('ConstantOfShape', [g.ints([x.channels * x.height * x.width])]);
    const flat = (v: string) => g.op('Reshape', [v, g.ints([-1])]);
    const scattered = g.op('ScatterElements', [zeros, flat(indices!), flat(dy)], { axis: 0, reduction: 'add' });
    return g.op('Reshape', [scattered, g.ints([1, x.channels, x.height, x.width])]);
  }
}
