import * as tf from '@tensorflow/tfjs';
import { ConvNet, type ConvNetSpec } from '../networks/conv-net.js';
import { type ArchitectureLayer, randomConvLayers } from '../networks/random-conv-net.js';

/** A small {@link ConvNet} of random weights for tests: input shifted by −0.5, α = β = 1, zero borders unless `padding` says. */
export function testNetwork(
  architecture: readonly ArchitectureLayer[],
  { seed = 1, ...spec }: Partial<Omit<ConvNetSpec, 'layers'>> & Pick<ConvNetSpec, 'contentLayer' | 'styleWeights'> & { seed?: number },
): ConvNet {
  return new ConvNet({
    name: 'test',
    costWeights: { alpha: 1, beta: 1 },
    preprocess: (rgb) => tf.sub(rgb, 0.5),
    ...spec,
    layers: randomConvLayers(architecture, seed),
  });
}
