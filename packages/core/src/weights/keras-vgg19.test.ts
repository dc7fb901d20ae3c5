import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { initBackend, tf, WeightFileError } from '../index.js';
import { assertReferenceActivations, vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { bytesSource } from './byte-source.js';
import { readKerasVgg19 } from './keras-vgg19.js';
import { vgg19Network } from './vgg19-weights.js';

before(() => initBackend({ backend: 'cpu' }));

const refusal = (pattern: RegExp) => (e: unknown) => e instanceof WeightFileError && e.format === 'keras' && pattern.test(e.message);

describe('Keras HDF5 weights (h5py, save_weights layout)', () => {
  test("gives Keras's VGG19 activations (caffe input, [h, w, in, out], max pools)", async () => {
    const before = tf.memory().numTensors;
    const weights = await readKerasVgg19(bytesSource(await readFile(vgg19Fixture('vgg19-tiny.h5'))));
    assert.deepEqual(weights.input, { kind: 'caffe' });
    assert.deepEqual(weights.weights.get('block4_conv2/kernel')?.shape, [3, 3, 8, 8]);
    const net = vgg19Network(weights, { pooling: 'max' });
    assertReferenceActivations(net, 'keras');
    net.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test('an HDF5 file of something else, a truncated one and a non-HDF5 file are refused, saying what they are', async () => {
    const read = async (name: string) => readKerasVgg19(bytesSource(await readFile(vgg19Fixture(name))));
    await assert.rejects(read('not-vgg.h5'), refusal(/no Keras VGG layers.*not Keras's VGG-19 weights file/));
    await assert.rejects(read('gzip-kernel.h5'), refusal(/block1_conv1\/block1_conv1\/kernel:0 .* compressed or filtered/));
    // HDF5's newest layout (object headers v2, links in the group's header) is read: its one layer is found.
    await assert.rejects(read('latest-one-layer.h5'), refusal(/it has 1 conv layers \(conv1_1\), without conv1_2/));
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.h5'));
    await assert.rejects(readKerasVgg19(bytesSource(bytes.subarray(0, 30000))), refusal(/truncated/));
    await assert.rejects(readKerasVgg19(bytesSource(new Uint8Array(600))), refusal(/no HDF5 signature/));
  });
});
