import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createVgg19, initBackend, InvalidModelError, kerasLayerName, loadVgg19, type StoredWeight, tf, VGG19_LAYERS } from '../index.js';
import { randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

/** A VGG-19 of `width` channels per layer, keyed as a Keras conversion keys it. */
function narrowWeights(width: number): Map<string, StoredWeight> {
  const weights = new Map<string, StoredWeight>();
  let channels = 3;
  VGG19_LAYERS.forEach(([layer], i) => {
    const keras = kerasLayerName(layer);
    weights.set(`vgg19/${keras}/kernel:0`, { data: randomValues(9 * channels * width, i), shape: [3, 3, channels, width] });
    weights.set(`vgg19/${keras}/bias:0`, { data: randomValues(width, 100 + i), shape: [width] });
    channels = width;
  });
  return weights;
}

describe('VGG-19', () => {
  test("has Gatys's layers: content conv4_2, style conv1_1…conv5_1 with equal λ, pools between blocks", () => {
    const net = createVgg19(narrowWeights(4));
    assert.equal(kerasLayerName('conv4_2'), 'block4_conv2');
    assert.equal(net.contentLayer, 'conv4_2');
    assert.deepEqual(net.styleLayers, { conv1_1: 0.2, conv2_1: 0.2, conv3_1: 0.2, conv4_1: 0.2, conv5_1: 0.2 });
    assert.deepEqual(
      net.layers.filter((l) => l.startsWith('pool')),
      ['pool1', 'pool2', 'pool3', 'pool4'],
    );
    const image = tf.ones([1, 32, 32, 3]) as tf.Tensor4D;
    const acts = net.extract(image, ['conv5_1', 'conv4_2']);
    assert.deepEqual(
      [acts.conv5_1!.shape, acts.conv4_2!.shape],
      [
        [1, 2, 2, 4],
        [1, 4, 4, 4],
      ],
    );
    tf.dispose([image, ...Object.values(acts)]);
    net.dispose();
  });

  test('says what is missing or misshapen in weights that are not VGG-19', () => {
    const missing = narrowWeights(4);
    missing.delete('vgg19/block3_conv4/kernel:0');
    assert.throws(
      () => createVgg19(missing),
      (e: unknown) => e instanceof InvalidModelError && /no weight 'block3_conv4\/kernel'/.test(e.message),
    );
    const misshapen = narrowWeights(4);
    misshapen.set('vgg19/block2_conv1/kernel:0', { data: new Float32Array(9 * 5 * 4), shape: [3, 3, 5, 4] });
    assert.throws(() => createVgg19(misshapen), /block2_conv1 has kernel \[3, 3, 5, 4\].*after a layer of 4 channels/);
  });

  test('loads through a tfjs IOHandler from TF.js weights', async () => {
    const weights = narrowWeights(3);
    const tensors = Object.fromEntries([...weights].map(([name, w]) => [name, tf.tensor(w.data, [...w.shape])]));
    const { data, specs } = await tf.io.encodeWeights(tensors);
    tf.dispose(Object.values(tensors));
    const net = await loadVgg19(tf.io.fromMemory({ weightSpecs: specs, weightData: data }), { pooling: 'max' });
    assert.equal(net.name, 'vgg19');
    net.dispose();
    await assert.rejects(loadVgg19(tf.io.fromMemory({})), InvalidModelError);
  });
});
