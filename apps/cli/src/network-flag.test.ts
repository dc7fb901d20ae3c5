import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { initBackend, loadVgg19, tf } from '@nst/core';
import { modelDirectory } from './model-directory.js';
import { networkFromFlag } from './network-flag.js';
import { nstLines, runNst, SAMPLES } from './testing-nst.js';

/** Core's VGG-19 test files (made by their own tools: see fixtures/vgg19/README.md). */
const FIXTURES = fileURLToPath(new URL('../../../packages/core/fixtures/vgg19/', import.meta.url));
const FILES = ['vgg19-tiny.pth', 'vgg19-tiny.mat', 'vgg19-tiny.caffemodel', 'vgg19-tiny.h5'];
const dir = await mkdtemp(join(tmpdir(), 'nst-network-'));

/** Activations of `net` at conv1_1 … conv5_1 on a seeded 32×32 image. */
function activations(net: Awaited<ReturnType<typeof networkFromFlag>>): Float32Array[] {
  const image = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const layers = ['conv1_1', 'conv2_1', 'conv3_1', 'conv4_2', 'conv5_1'];
  const out = net.extract(image, layers);
  const values = layers.map((layer) => out[layer]!.dataSync() as Float32Array);
  tf.dispose([image, ...Object.values(out)]);
  return values;
}

describe('--network <weights file> and convert-vgg19 from every format', () => {
  test('convert-vgg19 keeps the weights and the input they expect: the folder and the file give the same activations', async () => {
    await initBackend({ backend: 'cpu' });
    for (const file of FILES) {
      // Named without its extension: the format is told by the content.
      const renamed = join(dir, file.replace(/\.[a-z0-9]+$/, '.weights'));
      await copyFile(join(FIXTURES, file), renamed);
      const model = join(dir, `model-${file}`);
      const { code, stderr } = await runNst(['convert-vgg19', renamed, '-o', model]);
      assert.equal(code, 0, stderr);
      const json = JSON.parse(await readFile(join(model, 'model.json'), 'utf8')) as { userDefinedMetadata: { nstInput: { kind: string } } };
      assert.equal(
        json.userDefinedMetadata.nstInput.kind,
        { pth: 'imagenet', mat: 'rgb255', caffemodel: 'caffe', h5: 'caffe' }[file.split('.')[1]!],
      );
      const [direct, converted] = [await networkFromFlag(renamed), await loadVgg19(modelDirectory(model))];
      assert.deepEqual(activations(converted), activations(direct), file);
      direct.dispose();
      converted.dispose();
    }
  });

  test('nst stylize --network imagenet-vgg-verydeep-19.mat runs on the file itself', async () => {
    const mat = join(dir, 'imagenet-vgg-verydeep-19.mat');
    await copyFile(join(FIXTURES, 'vgg19-tiny.mat'), mat);
    const out = join(dir, 'styled.png');
    const args = ['stylize', `${SAMPLES}coffee.png`, '--style', `${SAMPLES}van-gogh-night-cafe.png`, '-o', out];
    const { code, stderr } = await runNst([...args, '--network', mat, '--backend', 'cpu', '--size', '32', '--iterations', '2']);
    assert.equal(code, 0, stderr);
    assert.ok((await readFile(out)).length > 0);
  });

  test('a file that cannot be used says why in --network terms: legacy .pth, not weights, missing', async () => {
    const fast = ['--backend', 'cpu', '--size', '32', '--iterations', '2'];
    const run = (network: string) =>
      runNst([
        'stylize',
        `${SAMPLES}coffee.png`,
        '--style',
        `${SAMPLES}coffee.png`,
        '-o',
        join(dir, 'x.png'),
        '--network',
        network,
        ...fast,
      ]);
    const legacy = await run(join(FIXTURES, 'vgg19-tiny-legacy.pth'));
    assert.equal(legacy.code, 1);
    assert.match(
      nstLines(legacy.stderr).join('\n'),
      /nst: --network .*vgg19-tiny-legacy\.pth: This PyTorch checkpoint is in the legacy format .*torch\.save\(torch\.load\('OLD\.pth'\), 'NEW\.pth'\)/,
    );
    const png = await run(`${SAMPLES}coffee.png`);
    assert.equal(png.code, 1);
    assert.match(
      png.stderr,
      /--network .*coffee\.png: This is not a VGG-19 weights file: it is a PNG image\. Give a PyTorch checkpoint \(\.pth\), MatConvNet \.mat file/,
    );
    const vgg16 = await run(join(FIXTURES, 'vgg16-tiny.pth'));
    assert.match(vgg16.stderr, /is not VGG-19: it has VGG-16 \(13 conv layers\)/);
    const missing = await run(join(dir, 'nowhere.mat'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--network .*nowhere\.mat: no such file or folder\. Give default, a VGG-19 weights file/);
  });
});
