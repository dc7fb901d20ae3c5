import * as tf from '@tensorflow/tfjs';
import { ConvNet, type ConvNetSpec } from '../networks/conv-net.js';
import { type ArchitectureLayer, randomConvLayers } from '../networks/random-conv-net.js';
import { seededNormal } from '../networks/seeded-random.js';
import { createVgg19, kerasLayerName, type StoredWeight, VGG19_LAYERS } from '../networks/vgg19.js';

/** A small {@link ConvNet} of random weights for tests: input shifted by −0.5, α = β = 1, zero borders unless `padding` says. */
export function testNetwork(
  architecture: readonly ArchitectureLayer[],
  { seed = 1, ...spec }: Partial<Omit<ConvNetSpec, 'layers'>> & Pick<ConvNetSpec, 'contentLayer' | 'styleLayers'> & { seed?: number },
): ConvNet {
  return new ConvNet({
    name: 'test',
    costWeights: { alpha: 1, beta: 1 },
    preprocess: (rgb) => tf.sub(rgb, 0.5),
    ...spec,
    layers: randomConvLayers(architecture, seed),
  });
}

/** Convs c1, c2, … of `channels[i]` channels, conv i followed by a stride-2 pool p_i of kind `pools[i]` where there is one. */
export const convStack = (channels: readonly number[], pools: readonly ('blur' | 'avg' | 'max')[]): ArchitectureLayer[] =>
  channels.flatMap((c, i) => [
    { name: `c${i + 1}`, channels: c },
    ...(pools[i] === undefined ? [] : [{ name: `p${i + 1}`, pool: pools[i] }]),
  ]);

/** conv c1 (`c1` channels), a stride-2 pool p1, conv c2 (`c2` channels): the architecture most tests need. */
export const twoConvs = (c1: number, c2: number, pool: 'blur' | 'avg' = 'blur'): ArchitectureLayer[] => convStack([c1, c2], [pool]);

/** VGG-19 at `width` channels a layer, He-normal weights, keyed as a Keras conversion keys it. */
export function narrowVgg19(width: number, pooling: 'avg' | 'max' = 'avg'): ConvNet {
  const weights = new Map<string, StoredWeight>();
  let channels = 3;
  VGG19_LAYERS.forEach(([layer], i) => {
    const keras = kerasLayerName(layer);
    weights.set(`${keras}/kernel`, {
      data: seededNormal(9 * channels * width, 50 + i, Math.sqrt(2 / (9 * channels))),
      shape: [3, 3, channels, width],
    });
    weights.set(`${keras}/bias`, { data: new Float32Array(width).fill(0.01), shape: [width] });
    channels = width;
  });
  const network = createVgg19(weights, { pooling });
  if (!(network instanceof ConvNet)) throw new Error('createVgg19 made no ConvNet');
  return network;
}
