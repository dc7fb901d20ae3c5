/**
 * What every reader of a VGG-19 file gives: the conv layers style transfer uses (conv1_1 … conv5_1),
 * in our layout, checked against VGG-19's shape, and the input the weights were trained on.
 */
import { WeightFileError, type WeightFileFormat } from '../errors.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { createVgg19, kerasLayerName, type StoredWeight, VGG19_LAYERS, type Vgg19Options } from '../networks/vgg19.js';
import { vgg19Preprocess, type Vgg19Input } from '../networks/vgg19-input.js';

/** A VGG-19 read from a file. */
export interface Vgg19Weights {
  readonly format: Exclude<WeightFileFormat, 'unknown'>;
  /** conv1_1 … conv5_1, keyed as Keras names them (`block1_conv1/kernel`, HWIO; `block1_conv1/bias`). */
  readonly weights: ReadonlyMap<string, StoredWeight>;
  readonly input: Vgg19Input;
}

/** One conv layer as a reader found it, already in our layout: kernel `[3, 3, in, out]`, bias `[out]`. */
export interface FoundConv {
  readonly kernel: StoredWeight;
  readonly bias: StoredWeight;
}

/** VGG-19's 16 conv layers, conv1_1 … conv5_4 (2, 2, 4, 4, 4 per block). */
export const VGG19_CONVS: readonly string[] = [2, 2, 4, 4, 4].flatMap((n, b) =>
  Array.from({ length: n }, (_, i) => `conv${b + 1}_${i + 1}`),
);
const VGG16_CONVS: readonly string[] = [2, 2, 3, 3, 3].flatMap((n, b) => Array.from({ length: n }, (_, i) => `conv${b + 1}_${i + 1}`));

/** The format's name as users know its files. */
export const FORMAT_NAMES: Readonly<Record<Exclude<WeightFileFormat, 'unknown'>, string>> = {
  pytorch: 'PyTorch checkpoint (.pth)',
  matconvnet: 'MatConvNet .mat file',
  caffe: 'Caffe .caffemodel',
  keras: 'Keras weights file (.h5)',
};

/**
 * Refuses a list of conv layer names that is not VGG-19's: VGG-16's, or one without a layer that
 * style transfer uses (conv1_1 … conv5_1; conv5_2 … conv5_4 may be absent, as in a converted file).
 */
export function assertVgg19Convs(names: readonly string[], format: Vgg19Weights['format']): void {
  const missing = VGG19_LAYERS.map(([layer]) => layer).filter((name) => !names.includes(name));
  if (missing.length === 0) return;
  const isVgg16 = names.length === VGG16_CONVS.length && VGG16_CONVS.every((name) => names.includes(name));
  const found = isVgg16 ? 'VGG-16 (13 conv layers)' : `${names.length} conv layers (${names.join(', ') || 'none'})`;
  throw new WeightFileError(
    `This ${FORMAT_NAMES[format]} is not VGG-19: it has ${found}` +
      (isVgg16 ? '; VGG-19 has 16.' : `, without ${missing.join(', ')}.`) +
      ' Use the VGG-19 file (16 conv layers, conv1_1 … conv5_4).',
    format,
    found,
  );
}

/** The {@link Vgg19Weights} of the convs a reader found, after checking that each has VGG-19's shape. */
export function vgg19Weights(convs: ReadonlyMap<string, FoundConv>, format: Vgg19Weights['format'], input: Vgg19Input): Vgg19Weights {
  assertVgg19Convs([...convs.keys()], format);
  const weights = new Map<string, StoredWeight>();
  let channels = 3;
  for (const [layer] of VGG19_LAYERS) {
    const conv = convs.get(layer);
    const width = conv?.kernel.shape[3] ?? 0;
    if (conv === undefined || conv.kernel.shape.join() !== [3, 3, channels, width].join() || conv.bias.shape.join() !== String(width)) {
      const found = conv === undefined ? 'nothing' : `weights [${conv.kernel.shape.join(', ')}] and bias [${conv.bias.shape.join(', ')}]`;
      throw new WeightFileError(
        `This ${FORMAT_NAMES[format]} is not VGG-19: its ${layer} has ${found} (as [h, w, in, out]); ` +
          `after ${channels} channels VGG-19 has [3, 3, ${channels}, n] and [n].`,
        format,
        found,
      );
    }
    weights.set(`${kerasLayerName(layer)}/kernel`, conv.kernel).set(`${kerasLayerName(layer)}/bias`, conv.bias);
    channels = width;
  }
  return { format, weights, input };
}

/** The network of weights read from a file, with the preprocessing they were trained on. */
export function vgg19Network(weights: Vgg19Weights, options: Pick<Vgg19Options, 'pooling'> = {}): FeatureNetwork {
  return createVgg19(weights.weights, { ...options, preprocess: vgg19Preprocess(weights.input) });
}

/** `[out, in, h, w]` (PyTorch's and Caffe's layout) → `[h, w, in, out]`. */
export function hwioFromOihw(data: Float32Array, [out, inC, h, w]: readonly number[]): StoredWeight {
  const [o, i, kh, kw] = [out ?? 0, inC ?? 0, h ?? 0, w ?? 0];
  const result = new Float32Array(o * i * kh * kw);
  for (let a = 0; a < o; a += 1)
    for (let b = 0; b < i; b += 1)
      for (let y = 0; y < kh; y += 1)
        for (let x = 0; x < kw; x += 1) result[((y * kw + x) * i + b) * o + a] = data[((a * i + b) * kh + y) * kw + x] ?? NaN;
  return { data: result, shape: [kh, kw, i, o] };
}

/** MATLAB's column-major `[h, w, in, out]` (MatConvNet's layout) → row-major `[h, w, in, out]`. */
export function hwioFromColumnMajor(data: Float32Array, [h, w, inC, out]: readonly number[]): StoredWeight {
  const [kh, kw, i, o] = [h ?? 0, w ?? 0, inC ?? 1, out ?? 1];
  const result = new Float32Array(o * i * kh * kw);
  for (let a = 0; a < o; a += 1)
    for (let b = 0; b < i; b += 1)
      for (let x = 0; x < kw; x += 1)
        for (let y = 0; y < kh; y += 1) result[((y * kw + x) * i + b) * o + a] = data[y + kh * (x + kw * (b + i * a))] ?? NaN;
  return { data: result, shape: [kh, kw, i, o] };
}
