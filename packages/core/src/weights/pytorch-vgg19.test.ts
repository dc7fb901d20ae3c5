import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { initBackend, LegacyCheckpointError, tf, WeightFileError } from '../index.js';
import { assertReferenceActivations, vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { bytesSource } from './byte-source.js';
import { readPytorchVgg19 } from './pytorch-vgg19.js';
import { vgg19Network } from './vgg19-weights.js';
import { readZipDirectory } from './zip-archive.js';

before(() => initBackend({ backend: 'cpu' }));

const read = async (name: string) => readPytorchVgg19(bytesSource(await readFile(vgg19Fixture(name))));
const refusal =
  (pattern: RegExp, type: typeof WeightFileError = WeightFileError) =>
  (e: unknown) =>
    e instanceof type && e.format === 'pytorch' && pattern.test(e.message);

describe('PyTorch checkpoint (torch.save of a torchvision VGG-19 state dict)', () => {
  test("gives torchvision's vgg19().features activations: ImageNet-standardised input, max pools", async () => {
    const before = tf.memory().numTensors;
    const weights = await read('vgg19-tiny.pth');
    assert.deepEqual(weights.input, { kind: 'imagenet' });
    assert.deepEqual(weights.weights.get('block1_conv1/kernel')?.shape, [3, 3, 3, 4]);
    assert.deepEqual(weights.weights.get('block5_conv1/bias')?.shape, [8]);
    const net = vgg19Network(weights, { pooling: 'max' });
    assertReferenceActivations(net, 'pytorch');
    net.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test('a checkpoint re-zipped with deflated entries reads the same (torch.load reads it too)', async () => {
    const [stored, deflated] = [await read('vgg19-tiny.pth'), await read('vgg19-tiny-deflated.pth')];
    assert.deepEqual([...deflated.weights.keys()], [...stored.weights.keys()]);
    for (const [name, weight] of stored.weights) assert.deepEqual(deflated.weights.get(name), weight, name);
  });

  test("reads the pickle and the convs' storages, not the classifier's", async () => {
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.pth'));
    const entries = await readZipDirectory(bytesSource(bytes));
    // The state dict pickles features.* (32 tensors, storages 0 … 31), then classifier.* (32 … 35).
    const classifier = ['32', '33', '34', '35'].map((key) => entries.get(`vgg19-tiny/data/${key}`)!);
    const reads: [number, number][] = [];
    const source = {
      size: bytes.length,
      read: (offset: number, length: number) => (reads.push([offset, offset + length]), bytesSource(bytes).read(offset, length)),
    };
    await readPytorchVgg19(source);
    // Left aside: the first 512 bytes (the zip's signature) and the last 64 kB (where the directory's end is looked for).
    const tail = Math.max(0, bytes.length - 22 - 0xffff);
    const rest = reads.filter(([from, to]) => !(from === 0 && to === 512) && !(from === tail && to >= bytes.length));
    for (const entry of classifier) {
      const [start, end] = [entry.headerOffset, entry.headerOffset + 30 + 64 + entry.compressedSize];
      const touched = rest.filter(([from, to]) => from < end && to > start);
      assert.deepEqual(touched, [], `${entry.name} was read`);
    }
    // And the convs' storages were read: the same check finds them.
    const conv = entries.get('vgg19-tiny/data/0')!;
    assert.ok(rest.some(([from, to]) => from < conv.headerOffset + 30 + conv.compressedSize && to > conv.headerOffset));
  });

  test('the legacy (pre-1.6) format is refused with how to re-save it', async () => {
    await assert.rejects(
      read('vgg19-tiny-legacy.pth'),
      refusal(/legacy format of PyTorch before 1\.6.*torch\.save\(torch\.load/, LegacyCheckpointError),
    );
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('ustar'), 257);
    await assert.rejects(readPytorchVgg19(bytesSource(tar)), refusal(/tar format/, LegacyCheckpointError));
  });

  test('VGG-16, a pickled module, a truncated file and a non-checkpoint are refused, saying what they are', async () => {
    await assert.rejects(read('vgg16-tiny.pth'), refusal(/not VGG-19: it has VGG-16 \(13 conv layers\); VGG-19 has 16/));
    await assert.rejects(read('pickled-module.pth'), refusal(/whole pickled model \(torch\.nn\.modules\.conv\.Conv2d\).*state_dict/));
    const bytes = await readFile(vgg19Fixture('vgg19-tiny.pth'));
    await assert.rejects(readPytorchVgg19(bytesSource(bytes.subarray(0, bytes.length - 4000))), refusal(/truncated/));
    await assert.rejects(readPytorchVgg19(bytesSource(new TextEncoder().encode('{"not": "a checkpoint"}'))), refusal(/neither a zip/));
  });
});
