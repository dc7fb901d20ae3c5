/**
 * A plain stack of odd-sized conv + ReLU layers (VGG's are 3×3) and stride-2 'same' pools (2×2
 * average or max, or 'blur', a 3×3 average; see `same-pool.ts`): VGG's shape, which is all that
 * style transfer needs of a network. Convolutions carry a hand-written input gradient, a convolution of
 * the output gradient with the flipped kernel: tfjs's own `Conv2DBackpropInput` is 3× slower on
 * wasm. Filter gradients are never computed: the weights are constants.
 *
 * Weights are kept as plain arrays and uploaded to each backend on first use there: tensors can
 * not always move between backends (WebGPU in Node cannot read back synchronously).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidModelError, UnknownLayerError } from '../errors.js';
import type { FeatureNetwork, LargeStyleLayers } from './feature-network.js';
import type { LayerWeights } from '../costs/style-cost.js';
import { POOL_KERNEL, windowCounts } from './same-pool.js';

/** One layer of a {@link ConvNet}: an odd-sized conv + ReLU, or a pool of stride 2 (2×2 average or max, or 'blur': 3×3 average). */
export type ConvNetLayer =
  | {
      readonly kind: 'conv';
      readonly name: string;
      /** `[kh, kw, inChannels, outChannels]`, HWIO as tfjs and Keras store it. */
      readonly filterShape: readonly [number, number, number, number];
      readonly filter: Float32Array;
      readonly bias: Float32Array;
    }
  | { readonly kind: 'pool'; readonly name: string; readonly mode: 'avg' | 'max' | 'blur' };

/** What a {@link ConvNet} is made of: its layers, and the rest of a {@link FeatureNetwork}'s description. */
export interface ConvNetSpec extends Pick<FeatureNetwork, 'name' | 'contentLayer' | 'styleLayers' | 'largeStyleLayers' | 'costWeights'> {
  readonly layers: readonly ConvNetLayer[];
  /** Maps RGB in [0, 1] to the network's input (mean, scale, channel order). */
  readonly preprocess: (rgb: tf.Tensor4D) => tf.Tensor4D;
  /** How convolutions see past the border: zeros (VGG's), or the image mirrored. Default 'zero'. */
  readonly padding?: 'zero' | 'reflect';
}

type Apply = (x: tf.Tensor4D) => tf.Tensor4D;

/** A layer on a backend: its forward, and its input gradient from its output gradient `dy`, input `x` and output `y`. */
type Step = {
  readonly name: string;
  readonly apply: Apply;
  readonly backward: (dy: tf.Tensor4D, x: tf.Tensor4D, y: tf.Tensor4D) => tf.Tensor4D;
};

/**
 * The gradient of a reflect-padded tensor folded back onto the tensor: each mirrored border
 * row (column) of `g` added to the row it mirrors, then the border cut off.
 */
function foldMirror(g: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const fold = (t: tf.Tensor4D, axis: 1 | 2, p: number): tf.Tensor4D => {
    if (p === 0) return t;
    const n = t.shape[axis] - 2 * p;
    const rows = (from: number, count: number) =>
      tf.slice(t, axis === 1 ? [0, from, 0, 0] : [0, 0, from, 0], axis === 1 ? [-1, count, -1, -1] : [-1, -1, count, -1]);
    // Padded rows 0…p−1 mirror rows p…1; padded rows p+n…2p+n−1 mirror rows n−2…n−1−p.
    const top = tf.reverse(rows(0, p), axis);
    const bottom = tf.reverse(rows(p + n, p), axis);
    if (n < 2 * p + 2) {
      const place = (block: tf.Tensor4D, at: number) => {
        const span: [number, number] = [at, n - p - at];
        return tf.pad(block, axis === 1 ? [[0, 0], span, [0, 0], [0, 0]] : [[0, 0], [0, 0], span, [0, 0]]);
      };
      return tf.addN([rows(p, n), place(top, 1), place(bottom, n - 1 - p)]);
    }
    return tf.concat(
      [rows(p, 1), tf.add(rows(p + 1, p), top), rows(2 * p + 1, n - 2 * p - 2), tf.add(rows(n - 1, p), bottom), rows(p + n - 1, 1)],
      axis,
    ) as tf.Tensor4D;
  };
  return fold(fold(g, 1, ph), 2, pw);
}

/**
 * `relu(conv2d(x, filter) + bias)`, output the size of `x`, with dx = conv2d(dy ⊙ [y > 0], flip(filter)ᵀ).
 * With 'reflect' padding `x` is mirrored by half the kernel first, and dx folds the mirrored
 * border's gradient back (tfjs's own MirrorPad gradient drops it).
 */
function convRelu(filter: tf.Tensor4D, bias: tf.Tensor1D, padding: 'zero' | 'reflect'): Omit<Step, 'name'> & { flipped: tf.Tensor4D } {
  const [kh = 0, kw = 0] = filter.shape;
  if (kh % 2 === 0 || kw % 2 === 0) {
    throw new InvalidModelError(`conv filters must have odd sizes for 'same' padding; got ${kh}×${kw}.`);
  }
  const [ph, pw] = [(kh - 1) / 2, (kw - 1) / 2];
  const mirror: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [ph, ph],
    [pw, pw],
    [0, 0],
  ];
  const full: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [kh - 1, kh - 1],
    [kw - 1, kw - 1],
    [0, 0],
  ];
  const flipped = tf.tidy(() => tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D);
  const backward = (dy: tf.Tensor4D, _x: tf.Tensor4D, y: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => {
      const masked = tf.mul<tf.Tensor4D>(dy, tf.step(y));
      return padding === 'zero' ? tf.conv2d(masked, flipped, 1, 'same') : foldMirror(tf.conv2d(masked, flipped, 1, full), ph, pw);
    });
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc]; // tfjs types inputs and `save` as one union
    const y =
      padding === 'zero'
        ? tf.fused.conv2d({ x, filter, bias, strides: 1, pad: 'same', activation: 'relu' })
        : tf.fused.conv2d({ x: tf.mirrorPad(x, mirror, 'reflect'), filter, bias, strides: 1, pad: 'valid', activation: 'relu' });
    save([y]);
    return { value: y, gradFunc: (dy: tf.Tensor, [ySaved]: tf.Tensor[]) => backward(dy as tf.Tensor4D, x, ySaved as tf.Tensor4D) };
  });
  return { apply: (x) => op(x) as tf.Tensor4D, backward, flipped };
}

/**
 * A stride-2 'same' pool. An average pool's forward pass averages each window over the pixels
 * inside the image, but tfjs's AvgPoolGrad (cpu, wasm, WebGPU) divides by the whole k×k window,
 * which is not the derivative of that forward at the border: each output's gradient is scaled by
 * k² / (its window's count) first, so that the input gradient is exact (and equal to the native
 * engine's). The kernel is called directly: a `tf.grad` inside a gradient would nest tapes, which
 * tfjs does not support. A max pool's autodiff is exact as it is.
 */
function pool(mode: 'avg' | 'max' | 'blur'): Omit<Step, 'name'> {
  if (mode === 'max') {
    const apply: Apply = (x) => tf.maxPool(x, 2, 2, 'same');
    return { apply, backward: (dy, x) => tf.tidy(() => tf.grad((input) => apply(input as tf.Tensor4D))(x, dy) as tf.Tensor4D) };
  }
  const k = POOL_KERNEL[mode];
  const backward = (dy: tf.Tensor4D, x: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => {
      const [, h = 0, w = 0] = x.shape;
      const [, oh = 0, ow = 0] = dy.shape;
      const exact = tf.mul(dy, tf.div(k * k, tf.tensor4d(windowCounts(h, w, k), [1, oh, ow, 1])));
      const attrs = { filterSize: k, strides: 2, pad: 'same' as const };
      return tf.engine().runKernel(tf.AvgPoolGrad, { dy: exact, input: x }, attrs) as tf.Tensor4D;
    });
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc]; // tfjs types inputs and `save` as one union
    save([x]);
    return {
      value: tf.avgPool(x, k, 2, 'same'),
      gradFunc: (dy: tf.Tensor, [xSaved]: tf.Tensor[]) => backward(dy as tf.Tensor4D, xSaved as tf.Tensor4D),
    };
  });
  return { apply: (x) => op(x) as tf.Tensor4D, backward };
}

/** A {@link FeatureNetwork} made of {@link ConvNetLayer}s. */
export class ConvNet implements FeatureNetwork {
  readonly name: string;
  readonly layers: readonly string[];
  readonly contentLayer: string;
  readonly styleLayers: LayerWeights;
  readonly largeStyleLayers: readonly LargeStyleLayers[] | undefined;
  readonly costWeights: { readonly alpha: number; readonly beta: number };
  readonly #spec: ConvNetSpec;
  /** Per backend: the steps, and the tensors they hold. */
  readonly #onBackend = new Map<string, { steps: readonly Step[]; tensors: tf.Tensor[] }>();

  constructor(spec: ConvNetSpec) {
    this.#spec = spec;
    this.name = spec.name;
    this.layers = spec.layers.map((l) => l.name);
    this.contentLayer = spec.contentLayer;
    this.styleLayers = spec.styleLayers;
    this.largeStyleLayers = spec.largeStyleLayers;
    this.costWeights = spec.costWeights;
    let channels = 3;
    for (const layer of spec.layers) {
      if (layer.kind === 'pool') continue;
      const [kh, kw, inC, outC] = layer.filterShape;
      if (inC !== channels || layer.filter.length !== kh * kw * inC * outC || layer.bias.length !== outC) {
        throw new InvalidModelError(
          `${spec.name}: layer ${layer.name} has filter [${layer.filterShape.join(', ')}] (${layer.filter.length} values) and ` +
            `${layer.bias.length} biases after a layer of ${channels} channels; they do not fit together.`,
        );
      }
      channels = outC;
    }
    const large = (spec.largeStyleLayers ?? []).flatMap((l) => Object.keys(l.layers));
    for (const layer of [spec.contentLayer, ...Object.keys(spec.styleLayers), ...large]) this.#index(layer);
  }

  #index(layer: string): number {
    const index = this.layers.indexOf(layer);
    if (index < 0) {
      throw new UnknownLayerError(`${this.name} has no layer '${layer}'; it has ${this.layers.join(', ')}.`);
    }
    return index;
  }

  /** The steps on the active backend, uploading the weights there on first use. */
  #steps(): readonly Step[] {
    const backend = tf.getBackend();
    let built = this.#onBackend.get(backend);
    if (built === undefined) {
      const tensors: tf.Tensor[] = [];
      const steps = this.#spec.layers.map((layer): Step => {
        if (layer.kind === 'pool') return { name: layer.name, ...pool(layer.mode) };
        // Kept: the first call may come from inside a caller's tf.tidy.
        const filter = tf.keep(tf.tensor4d(layer.filter, [...layer.filterShape]));
        const bias = tf.keep(tf.tensor1d(layer.bias));
        const { apply, backward, flipped } = convRelu(filter, bias, this.#spec.padding ?? 'zero');
        tensors.push(filter, bias, tf.keep(flipped));
        return { name: layer.name, apply, backward };
      });
      built = { steps, tensors };
      this.#onBackend.set(backend, built);
    }
    return built.steps;
  }

  extract(image: tf.Tensor4D, layers: readonly string[]): Record<string, tf.Tensor4D> {
    const last = Math.max(...layers.map((l) => this.#index(l)));
    const wanted = new Set(layers);
    const steps = this.#steps();
    return tf.tidy(() => {
      const out: Record<string, tf.Tensor4D> = {};
      let x = this.#spec.preprocess(image);
      for (const step of steps.slice(0, last + 1)) {
        x = step.apply(x);
        if (wanted.has(step.name)) out[step.name] = x;
      }
      return out;
    });
  }

  /**
   * `∂/∂image Σ_l ⟨c_l, a_l⟩`, where `a_l` is the activation at layer l and `c_l = cotangents[l](a_l)`:
   * reverse mode by hand, layer by layer, each activation freed as soon as its layer's input
   * gradient is taken. Memory holds the forward activations and two gradients, where a
   * `tf.grad` tape would hold every intermediate of both passes until its scope ends (≈ 9× the
   * activations, tile-runner's peak).
   */
  backpropagate(image: tf.Tensor4D, cotangents: Readonly<Record<string, (a: tf.Tensor4D) => tf.Tensor4D>>): tf.Tensor4D {
    const last = Math.max(...Object.keys(cotangents).map((l) => this.#index(l)));
    const steps = this.#steps().slice(0, last + 1);
    return tf.tidy(() => {
      const xs = [this.#spec.preprocess(image)];
      for (const step of steps) xs.push(step.apply(xs.at(-1)!));
      let dy: tf.Tensor4D | undefined;
      for (let i = steps.length - 1; i >= 0; i--) {
        const { name, backward } = steps[i]!;
        const [x, y] = [xs[i]!, xs[i + 1]!];
        const cotangent = cotangents[name];
        if (cotangent !== undefined) {
          const seed = tf.tidy(() => cotangent(y));
          if (dy === undefined) dy = seed;
          else {
            const sum = tf.add<tf.Tensor4D>(dy, seed);
            tf.dispose([dy, seed]);
            dy = sum;
          }
        }
        if (dy !== undefined) {
          const dx = backward(dy, x, y);
          dy.dispose();
          dy = dx;
        }
        y.dispose();
      }
      const input = xs[0]!;
      const dImage = tf.grad((rgb) => this.#spec.preprocess(rgb as tf.Tensor4D))(image, dy ?? tf.zerosLike(input)) as tf.Tensor4D;
      tf.dispose([input, dy]);
      return dImage;
    });
  }

  /** What this network is made of: for tiling (its strides and kernels) and for rebuilding it in a worker. */
  get spec(): ConvNetSpec {
    return this.#spec;
  }

  dispose(): void {
    for (const { tensors } of this.#onBackend.values()) tf.dispose(tensors);
    this.#onBackend.clear();
  }
}
