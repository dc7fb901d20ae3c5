import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { initBackend, tf, WeightFileError } from '../index.js';
import { assertReferenceActivations, vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { READ_CHUNK } from './byte-reader.js';
import { bytesSource } from './byte-source.js';
import { readCaffeVgg19 } from './caffe-vgg19.js';
import { vgg19Network } from './vgg19-weights.js';

before(() => initBackend({ backend: 'cpu' }));

const refusal = (pattern: RegExp) => (e: unknown) => e instanceof WeightFileError && e.format === 'caffe' && pattern.test(e.message);

describe('Caffe .caffemodel (written from caffe.proto)', () => {
  for (const [file, kind] of [
    ['vgg19-tiny.caffemodel', 'V1 layers, as VGG_ILSVRC_19_layers.caffemodel'],
    ['vgg19-tiny-v2.caffemodel', 'current layer messages with BlobShape'],
  ] as const) {
    test(`${kind}: gives Caffe's activations (BGR·255 − mean, [out, in, h, w], max pools)`, async () => {
      const before = tf.memory().numTensors;
      const weights = await readCaffeVgg19(bytesSource(await readFile(vgg19Fixture(file))));
      assert.deepEqual(weights.input, { kind: 'caffe' });
      assert.deepEqual(weights.weights.get('block3_conv4/kernel')?.shape, [3, 3, 8, 8]);
      const net = vgg19Network(weights, { pooling: 'max' });
      assertReferenceActivations(net, 'caffe');
      net.dispose();
      assert.equal(tf.memory().numTensors, before);
    });
  }

  test('a truncated file, a file without layers, and bytes that are not protobuf are refused, saying so', async () => {
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.caffemodel'));
    await assert.rejects(readCaffeVgg19(bytesSource(bytes.subarray(0, 20000))), refusal(/ends early.*truncated/));
    await assert.rejects(readCaffeVgg19(bytesSource(Uint8Array.from([0x0a, 0x03, 0x61, 0x62, 0x63]))), refusal(/no layers/));
    await assert.rejects(readCaffeVgg19(bytesSource(new Uint8Array(64).fill(0xff))), refusal(/not a Caffe \.caffemodel/));
  });

  test('a net without all 16 convs is refused, naming what is missing', async () => {
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.caffemodel'));
    // The first layers of the file: conv1_1 … conv2_x, cut at a layer boundary found by reading it.
    const cut = await firstLayersEnd(bytes, 6);
    await assert.rejects(
      readCaffeVgg19(bytesSource(bytes.subarray(0, cut))),
      refusal(/not VGG-19: it has \d+ conv layers \(conv1_1, conv1_2.*without conv2_1, .*conv5_1\./),
    );
  });
});

describe('Caffe .caffemodel, read in parts', () => {
  test("fc6's blobs are passed over without being read", async () => {
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.caffemodel'));
    // A V1 layer 'fc6' (INNER_PRODUCT = 14) with a 4 MB blob, appended: protobuf concatenation adds a repeated field.
    const varint = (n: number): number[] => (n < 128 ? [n] : [(n % 128) | 128, ...varint(Math.floor(n / 128))]);
    const field = (key: number, body: number[]) => [...varint(key), ...varint(body.length), ...body];
    const blob = [...varint((5 << 3) | 2), ...varint(4 << 20)];
    const name = [...new TextEncoder().encode('fc6')];
    const head = [...field((4 << 3) | 2, name), (5 << 3) | 0, 14, ...varint((6 << 3) | 2), ...varint(blob.length + (4 << 20))];
    const layer = [...varint((2 << 3) | 2), ...varint(head.length + blob.length + (4 << 20)), ...head, ...blob];
    const file = new Uint8Array(bytes.length + layer.length + (4 << 20));
    file.set(bytes);
    file.set(layer, bytes.length);
    let read = 0;
    const source = {
      size: file.length,
      read: (offset: number, length: number) => ((read += Math.min(length, file.length - offset)), bytesSource(file).read(offset, length)),
    };
    const weights = await readCaffeVgg19(source);
    assert.equal(weights.weights.size, 26);
    // One chunk of the reader's (the convs and the start of fc6), not the 4 MB blob.
    assert.ok(read <= READ_CHUNK && file.length > 4 * READ_CHUNK, `read ${read} of ${file.length} bytes`);
  });
});

/** Where the file's `count`-th top-level field (a key and a length, both varints, then the value) ends. */
async function firstLayersEnd(bytes: Uint8Array, count: number): Promise<number> {
  let at = 0;
  const varint = () => {
    let [value, scale] = [0, 1];
    for (;;) {
      const byte = bytes[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
  };
  for (let i = 0; i < count; i += 1) {
    varint();
    const length = varint();
    at += length;
  }
  return Promise.resolve(at);
}
