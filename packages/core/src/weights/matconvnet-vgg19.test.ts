import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { initBackend, tf, WeightFileError } from '../index.js';
import { assertReferenceActivations, vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { bytesSource } from './byte-source.js';
import { readMatconvnetVgg19 } from './matconvnet-vgg19.js';
import { vgg19Network } from './vgg19-weights.js';

before(() => initBackend({ backend: 'cpu' }));

const fixture = () => readFile(vgg19Fixture('vgg19-tiny.mat'));

describe('MatConvNet .mat (scipy.io.savemat, compressed)', () => {
  test("gives the course's activations: RGB·255 − averageImage, W as [h, w, in, out], average pools", async () => {
    const before = tf.memory().numTensors;
    const weights = await readMatconvnetVgg19(bytesSource(await fixture()));
    assert.equal(weights.format, 'matconvnet');
    assert.deepEqual(weights.input, { kind: 'rgb255', mean: [Math.fround(123.68), Math.fround(116.779), Math.fround(103.939)] });
    assert.deepEqual(weights.weights.get('block2_conv1/kernel')?.shape, [3, 3, 4, 6]);
    const net = vgg19Network(weights, { pooling: 'avg' });
    assertReferenceActivations(net, 'matconvnet');
    net.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test('a truncated file is refused, saying so', async () => {
    const bytes = await fixture();
    await assert.rejects(
      readMatconvnetVgg19(bytesSource(bytes.subarray(0, bytes.length - 100))),
      (e: unknown) => e instanceof WeightFileError && e.format === 'matconvnet' && /truncated|corrupt/.test(e.message),
    );
  });

  test('a file that is not a level 5 .mat says what it found', async () => {
    const png = new Uint8Array(200);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    await assert.rejects(readMatconvnetVgg19(bytesSource(png)), /not a MATLAB level 5 \.mat file \(no MATLAB 5\.0 header\)/);
    const v73 = new TextEncoder().encode('MATLAB 7.3 MAT-file, Platform: GLNXA64'.padEnd(200));
    await assert.rejects(readMatconvnetVgg19(bytesSource(v73)), /MATLAB 7\.3 file \(HDF5\).*-v7/);
  });
});
