import { fitWithin, gramMatrix, rgbTensor, styleDistance, tf, type FeatureNetwork, type RgbaImage } from '@nst/core';

/** One style layer's Gram matrix, normalised by area (`G / (nH·nW)`), as plain numbers. */
export interface LayerGram {
  readonly layer: string;
  readonly channels: number;
  readonly gram: Float32Array;
}

/**
 * An image's style fingerprint: the area-normalised Gram matrix of each of the network's style
 * layers, with the image scaled to `maxSide` px on its longest side. Every tensor is disposed.
 */
export async function styleFingerprint(image: RgbaImage, network: FeatureNetwork, maxSide = 256): Promise<LayerGram[]> {
  const layers = Object.keys(network.styleLayers);
  const grams = tf.tidy(() => {
    const { width, height } = fitWithin(image.width, image.height, maxSide);
    const rgb = tf.image.resizeBilinear(rgbTensor(image), [height, width], true);
    const acts = network.extract(rgb, layers);
    return layers.map((layer) => {
      const [, h = 1, w = 1] = acts[layer]!.shape;
      return tf.div(gramMatrix(acts[layer]!), h * w) as tf.Tensor2D;
    });
  });
  try {
    const values = await Promise.all(grams.map((g) => g.data<'float32'>()));
    return layers.map((layer, i) => ({ layer, channels: grams[i]!.shape[0], gram: values[i]! }));
  } finally {
    tf.dispose(grams);
  }
}

/** The matrix of {@link styleDistance}s between fingerprints, weighted by the network's λ. */
export async function styleDistances(
  prints: readonly (readonly LayerGram[])[],
  weights: Readonly<Record<string, number>>,
): Promise<number[][]> {
  const matrix = prints.map(() => prints.map(() => 0));
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < prints.length; j++) {
      const d = tf.tidy(() => {
        const tensors = (print: readonly LayerGram[]) =>
          Object.fromEntries(print.map((g) => [g.layer, tf.tensor2d(g.gram, [g.channels, g.channels])]));
        return styleDistance(tensors(prints[i]!), tensors(prints[j]!), weights);
      });
      const [value = 0] = await d.data();
      d.dispose();
      matrix[i]![j] = value;
      matrix[j]![i] = value;
    }
  }
  return matrix;
}
