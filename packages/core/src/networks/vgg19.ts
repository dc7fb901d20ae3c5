import * as tf from '@tensorflow/tfjs';
import { ConvNet, type ConvNetLayer } from './conv-net.js';
import { InvalidModelError, messageOf } from '../errors.js';
import type { FeatureNetwork } from './feature-network.js';
import { caffePreprocess } from './preprocess.js';
import { parseVgg19Input, vgg19Preprocess } from './vgg19-input.js';

/** VGG-19's conv layers up to conv5_1 (all that style transfer uses), with Keras's widths. */
export const VGG19_LAYERS: readonly (readonly [string, number])[] = [
  ['conv1_1', 64],
  ['conv1_2', 64],
  ['conv2_1', 128],
  ['conv2_2', 128],
  ['conv3_1', 256],
  ['conv3_2', 256],
  ['conv3_3', 256],
  ['conv3_4', 256],
  ['conv4_1', 512],
  ['conv4_2', 512],
  ['conv4_3', 512],
  ['conv4_4', 512],
  ['conv5_1', 512],
];

/** Keras's name of a VGG-19 layer: conv4_2 → block4_conv2. */
export const kerasLayerName = (layer: string): string => layer.replace(/^conv(\d)_(\d)$/, 'block$1_conv$2');

/** A weight as it is stored: values and shape. */
export interface StoredWeight {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** How a VGG-19 is built: its pools, and the input its weights were trained on. */
export interface Vgg19Options {
  /** 'avg' (Gatys et al.'s choice, the default) or 'max' (the network as trained). */
  readonly pooling?: 'avg' | 'max';
  /** RGB in [0, 1] → the network's input; default Caffe's (Keras's weights are Caffe's). */
  readonly preprocess?: (rgb: tf.Tensor4D) => tf.Tensor4D;
}

/**
 * VGG-19 as Gatys et al. use it: content conv4_2, style conv1_1…conv5_1 with equal λ, average
 * pooling by default (max as an option). `weights` are keyed by names ending in Keras's
 * `block1_conv1/kernel`, `block1_conv1/bias` (a `:0` suffix or a prefix such as `vgg19/` is fine).
 * Ref: Simonyan & Zisserman, ICLR 2015; Gatys, Ecker & Bethge, CVPR 2016.
 */
export function createVgg19(
  weights: ReadonlyMap<string, StoredWeight>,
  { pooling = 'avg', preprocess = caffePreprocess }: Vgg19Options = {},
): FeatureNetwork {
  const find = (suffix: string): StoredWeight => {
    for (const [name, weight] of weights) if (name.replace(/:0$/, '').endsWith(suffix)) return weight;
    throw new InvalidModelError(`This is not a VGG-19 model: it has no weight '${suffix}'. Make one with \`nst convert-vgg19\`.`);
  };
  const layers: ConvNetLayer[] = [];
  let channels = 3;
  for (const [layer] of VGG19_LAYERS) {
    const block = layer.slice(4, 5);
    if (layers.length > 0 && layer.endsWith('_1')) layers.push({ kind: 'pool', name: `pool${Number(block) - 1}`, mode: pooling });
    const keras = kerasLayerName(layer);
    const kernel = find(`${keras}/kernel`);
    const bias = find(`${keras}/bias`);
    // Widths are read from the weights, so that tests can load a narrow VGG-19 through the same code.
    const width = kernel.shape[3] ?? 0;
    if (kernel.shape.join() !== [3, 3, channels, width].join() || bias.shape.join() !== String(width)) {
      throw new InvalidModelError(
        `This is not a VGG-19 model: ${keras} has kernel [${kernel.shape.join(', ')}] and bias [${bias.shape.join(', ')}]; ` +
          `after a layer of ${channels} channels it needs [3, 3, ${channels}, n] and [n].`,
      );
    }
    layers.push({ kind: 'conv', name: layer, filterShape: [3, 3, channels, width], filter: kernel.data, bias: bias.data });
    channels = width;
  }
  const style = ['conv1_1', 'conv2_1', 'conv3_1', 'conv4_1', 'conv5_1'];
  return new ConvNet({
    name: 'vgg19',
    layers,
    contentLayer: 'conv4_2',
    styleLayers: Object.fromEntries(style.map((l) => [l, 1 / style.length])),
    // Relative costs, balanced as the embedded network's (Σλ·β/α = 4/0.3); not validated on real weights here.
    costWeights: { alpha: 0.3, beta: 4 },
    preprocess,
  });
}

/**
 * Loads VGG-19 from TF.js weights (a model.json's `weightsManifest` and its shards, float32 or
 * quantised to float16/uint8, and the input the weights expect in `userDefinedMetadata.nstInput`): from the model.json URL the user gave (fetched with tfjs's
 * `tf.io.http`), or through any tfjs IOHandler, such as the CLI's reader of a directory.
 */
export async function loadVgg19(source: string | tf.io.IOHandler, options: Pick<Vgg19Options, 'pooling'> = {}): Promise<FeatureNetwork> {
  const handler = typeof source === 'string' ? tf.io.http(source) : source;
  if (handler.load === undefined) throw new InvalidModelError('The model source cannot be read (its IOHandler has no load()).');
  const artifacts = await handler.load();
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) {
    throw new InvalidModelError('This model has no weights manifest; it is not a TF.js model made by `nst convert-vgg19`.');
  }
  let tensors: tf.NamedTensorMap;
  try {
    tensors = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  } catch (error) {
    throw new InvalidModelError(`The model's weights do not match its manifest: ${messageOf(error)}.`);
  }
  const weights = new Map<string, StoredWeight>();
  for (const [name, tensor] of Object.entries(tensors)) {
    weights.set(name, { data: Float32Array.from(await tensor.data()), shape: tensor.shape });
    tensor.dispose();
  }
  const input = parseVgg19Input((artifacts.userDefinedMetadata as { nstInput?: unknown } | undefined)?.nstInput);
  return createVgg19(weights, { ...options, preprocess: vgg19Preprocess(input) });
}
