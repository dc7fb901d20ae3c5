import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tf } from '../index.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { assertClose } from './tensors.js';

/** The folder of the VGG-19 test files made by `fixtures/vgg19/make-fixtures.py`. */
export const VGG19_FIXTURES = fileURLToPath(new URL('../../fixtures/vgg19/', import.meta.url));

/** A fixture's path. */
export const vgg19Fixture = (name: string): string => `${VGG19_FIXTURES}${name}`;

interface Stored {
  readonly shape: number[];
  readonly data: string;
}
type Expected = Record<'pytorch' | 'matconvnet' | 'caffe' | 'keras', Record<string, Stored>> & { readonly input: Stored };

const decode = ({ data }: Stored) => {
  const bytes = Buffer.from(data, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/**
 * Asserts that `net` gives, on the fixtures' input, the activations the format's reference
 * implementation gave in Python (conv1_1, conv2_1, conv3_1, conv4_1, conv4_2, conv5_1). Disposes what it makes.
 */
export function assertReferenceActivations(net: FeatureNetwork, format: keyof Omit<Expected, 'input'>): void {
  const expected = JSON.parse(readFileSync(vgg19Fixture('expected.json'), 'utf8')) as Expected;
  const image = tf.tensor4d(decode(expected.input), expected.input.shape as [number, number, number, number]);
  const layers = Object.keys(expected[format]);
  const activations = net.extract(image, layers);
  try {
    for (const layer of layers) {
      const want = expected[format][layer]!;
      const got = activations[layer]!;
      assertClose(got.shape, want.shape, { rtol: 0, atol: 0 }, `${format} ${layer} shape`);
      assertClose(got.dataSync(), decode(want), { rtol: 1e-4, atol: 1e-4 }, `${format} ${layer}`);
    }
  } finally {
    tf.dispose([image, ...Object.values(activations)]);
  }
}
