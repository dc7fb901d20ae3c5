import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { detectWeightFormat, initBackend, loadVgg19File, readVgg19File, tf, WeightFileError } from '../index.js';
import { assertReferenceActivations, vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { bytesSource } from './byte-source.js';

before(() => initBackend({ backend: 'cpu' }));

const source = async (name: string) => bytesSource(await readFile(vgg19Fixture(name)));

describe('a VGG-19 file of any format', () => {
  test('is told apart by its content, whatever its name', async () => {
    const files = {
      'vgg19-tiny.pth': 'pytorch',
      'vgg19-tiny.mat': 'matconvnet',
      'vgg19-tiny.caffemodel': 'caffe',
      'vgg19-tiny.h5': 'keras',
    } as const;
    for (const [file, format] of Object.entries(files)) {
      assert.equal((await detectWeightFormat(await source(file))).format, format, file);
      assert.equal((await readVgg19File(await source(file), { name: 'weights.bin' })).format, format, file);
    }
    assert.equal((await detectWeightFormat(await source('vgg19-tiny-legacy.pth'))).found, 'a legacy PyTorch checkpoint');
  });

  test('loads as a network with the preprocessing its weights expect', async () => {
    const before = tf.memory().numTensors;
    const net = await loadVgg19File(await source('vgg19-tiny.mat'), { name: 'imagenet-vgg-verydeep-19.mat' });
    assertReferenceActivations(net, 'matconvnet');
    net.dispose();
    const torch = await loadVgg19File(await source('vgg19-tiny.pth'), { pooling: 'max' });
    assertReferenceActivations(torch, 'pytorch');
    torch.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test('a file of none of the formats says what it is, and what its name promised', async () => {
    const png = bytesSource(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await assert.rejects(
      readVgg19File(png, { name: 'vgg19.pth' }),
      (e: unknown) =>
        e instanceof WeightFileError &&
        e.format === 'pytorch' &&
        e.found === 'a PNG image' &&
        /named as a PyTorch checkpoint \(\.pth\), but it is a PNG image/.test(e.message),
    );
    const json = bytesSource(new TextEncoder().encode('{"weightsManifest": []}'));
    await assert.rejects(
      readVgg19File(json),
      (e: unknown) =>
        e instanceof WeightFileError &&
        e.format === 'unknown' &&
        /not a VGG-19 weights file: it is JSON text\. Give a PyTorch checkpoint/.test(e.message),
    );
    await assert.rejects(readVgg19File(bytesSource(new Uint8Array(0)), { name: 'x.caffemodel' }), /it is an empty file/);
  });
});
