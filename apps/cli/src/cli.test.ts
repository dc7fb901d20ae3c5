import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { initBackend, loadVgg19, tf } from '@nst/core';
import sharp from 'sharp';
import { encodeWeights } from './convert-vgg19.js';
import { toFloat16Bits } from './float16.js';
import { modelDirectory } from './model-directory.js';
import { parseStylizeArgs } from './stylize-args.js';
import { writeNarrowVgg19H5 } from './testing-h5.js';

const run = promisify(execFile);
const NST = fileURLToPath(new URL('../dist/nst.js', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'nst-cli-'));

async function nst(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [NST, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const fast = ['--backend', 'wasm', '--size', '40', '--iterations', '6'];
const stylizeArgs = (photo: string, style: string, out: string, ...rest: string[]): string[] => [
  'stylize',
  photo,
  '--style',
  style,
  '-o',
  out,
  ...rest,
];

describe('nst stylize, end to end', () => {
  test('styles a PNG with a painting and writes a PNG of the asked size that differs from the photo', async () => {
    const out = join(dir, 'coffee.png');
    const { code, stdout, stderr } = await nst(...stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}van-gogh-night-cafe.png`, out), ...fast);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /wrote .*coffee\.png \(40×27\)/);
    assert.match(stderr, /backend: wasm/);
    assert.match(stderr, /\[#+\] 6\/6/, 'a progress bar');
    const result = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([result.info.width, result.info.height], [40, 27]);
    const photo = await sharp(`${SAMPLES}coffee.png`).resize(40, 27).raw().toBuffer();
    const diff = result.data.reduce((sum, v, i) => sum + Math.abs(v - photo[i]!), 0) / result.data.length;
    assert.ok(diff > 5, `mean difference ${diff}`);
  });

  test('a photo smaller than --size keeps its size, and nst says so', async () => {
    const photo = join(dir, 'small.png');
    await sharp(`${SAMPLES}coffee.png`).resize(30, 20).toFile(photo);
    const out = join(dir, 'small-out.png');
    const { code, stdout, stderr } = await nst(
      ...stylizeArgs(photo, `${SAMPLES}van-gogh-night-cafe.png`, out),
      '--backend',
      'wasm',
      '--size',
      '64',
      '--iterations',
      '2',
    );
    assert.equal(code, 0, stderr);
    assert.match(stderr, /nst: .*small\.png is 30×20, smaller than --size 64; a photo is never enlarged, so the result is 30×20\./);
    assert.match(stdout, /\(30×20\)/);
  });

  test('reads and writes JPEG and WebP, blends weighted styles, keeps colours when asked', async () => {
    const jpeg = join(dir, 'cat.jpg');
    await sharp(`${SAMPLES}chelsea-cat.png`).jpeg().toFile(jpeg);
    const webp = join(dir, 'bridge.webp');
    await sharp(`${SAMPLES}van-gogh-langlois-bridge.png`).webp().toFile(webp);
    for (const out of [join(dir, 'out.jpg'), join(dir, 'out.webp')]) {
      const { code, stderr } = await nst(
        'stylize',
        jpeg,
        '--style',
        `${webp}=2`,
        '--style',
        `${SAMPLES}van-gogh-night-cafe.png=0.5`,
        '--preserve-colors',
        '-o',
        out,
        ...fast,
      );
      assert.equal(code, 0, stderr);
      assert.equal((await sharp(out).metadata()).format, out.endsWith('jpg') ? 'jpeg' : 'webp');
    }
  });

  const broken = join(dir, 'broken.png');
  const empty = join(dir, 'empty.png');
  const gif = join(dir, 'a.gif');
  const cases: [string, string[], RegExp, number][] = [
    ['a missing file', stylizeArgs(join(dir, 'missing.png'), `${SAMPLES}coffee.png`, join(dir, 'x.png')), /missing\.png: no such file/, 1],
    ['a corrupt file', stylizeArgs(broken, `${SAMPLES}coffee.png`, join(dir, 'x.png')), /broken\.png: not an image, or a corrupt one/, 1],
    ['an empty file', stylizeArgs(empty, `${SAMPLES}coffee.png`, join(dir, 'x.png')), /empty\.png: the file is empty/, 1],
    ['an unsupported format', stylizeArgs(gif, `${SAMPLES}coffee.png`, join(dir, 'x.png')), /gif images are not supported/, 1],
    [
      'an unsupported output',
      stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png`, join(dir, 'x.bmp')),
      /cannot write '\.bmp' files/,
      2,
    ],
    [
      'a bad number',
      stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png`, join(dir, 'x.png'), '--iterations', '2.5'),
      /--iterations "2\.5" is not a whole number/,
      2,
    ],
    ['a bad style weight', stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png=-1`, join(dir, 'x.png')), /the weight must be > 0/, 2],
    [
      'an unknown layer',
      stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png`, join(dir, 'x.png'), '--backend', 'cpu', '--style-layers', 'conv9_1=1'),
      /no layer 'conv9_1'/,
      1,
    ],
    [
      'a directory that is not a model',
      stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png`, join(dir, 'x.png'), '--backend', 'cpu', '--network', dir),
      /has no model\.json/,
      1,
    ],
    ['an unknown command', ['paint'], /unknown command 'paint'/, 2],
  ];
  test('a batch into a folder: every photo styled, a broken one reported and skipped, nothing half-written', async () => {
    const folder = join(dir, 'batch');
    const broken = join(dir, 'batch-broken.png');
    await writeFile(broken, 'not a png at all');
    const photos = [`${SAMPLES}coffee.png`, broken, `${SAMPLES}chelsea-cat.png`];
    const { code, stdout, stderr } = await nst(
      'stylize',
      ...photos,
      '--style',
      `${SAMPLES}van-gogh-night-cafe.png`,
      '-o',
      `${folder}/`,
      ...fast,
    );
    assert.equal(code, 1, 'a failed photo fails the command, at the end');
    assert.match(stdout, /wrote .*batch\/coffee\.png \(40×27\)/);
    assert.match(stdout, /wrote .*batch\/chelsea-cat\.png \(40×/);
    assert.match(stderr, /batch-broken\.png: not an image, or a corrupt one\. Skipped\./);
    assert.match(stderr, /1 of 3 photos failed \(.*batch-broken\.png\); the others were written\./);
    assert.match(stderr, /\(3\/3\) .*chelsea-cat\.png/);
    assert.deepEqual((await readdir(folder)).sort(), ['chelsea-cat.png', 'coffee.png'], 'no temporary file left');
    assert.equal((await sharp(join(folder, 'coffee.png')).metadata()).format, 'png');
  });

  test('parseStylizeArgs: one photo to a file, several to a folder, and the mistakes', () => {
    const style = ['--style', 's.png'];
    assert.deepEqual(parseStylizeArgs(['c.png', ...style, '-o', 'o.webp']).jobs, [{ content: 'c.png', output: 'o.webp' }]);
    assert.deepEqual(parseStylizeArgs(['a/x.jpg', 'b/y.webp', ...style, '-o', 'out/']).jobs, [
      { content: 'a/x.jpg', output: join('out', 'x.png') },
      { content: 'b/y.webp', output: join('out', 'y.png') },
    ]);
    assert.throws(() => parseStylizeArgs(['a.png', 'b.png', ...style, '-o', 'o.png']), /2 photos need a folder for -o/);
    assert.throws(() => parseStylizeArgs(['a/x.png', 'b/x.jpg', ...style, '-o', 'out/']), /would both be written to out\/x\.png/);
  });

  test('bad input: one line on stderr, a non-zero exit, no stack trace', async () => {
    await writeFile(broken, 'not a png at all');
    await writeFile(empty, '');
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
      .gif()
      .toFile(gif);
    for (const [what, args, message, exitCode] of cases) {
      const { code, stderr } = await nst(...args);
      assert.equal(code, exitCode, `${what}: ${stderr}`);
      const ours = stderr.split('\n').filter((l) => l.startsWith('nst:'));
      assert.equal(ours.length, 1, `${what}: ${stderr}`);
      assert.match(ours[0]!, message, what);
      assert.doesNotMatch(stderr, /^\s+at /m, `${what}: no stack trace`);
    }
  });
});

describe('nst convert-vgg19', () => {
  test('converts a Keras h5 (written by h5wasm) into a model directory that --network runs, in float32, float16 and uint8', async () => {
    const h5 = join(dir, 'vgg19_notop.h5');
    const original = await writeNarrowVgg19H5(h5, 4);
    await initBackend({ backend: 'cpu' });
    for (const [quantize, tolerance] of [
      ['float32', 0],
      ['float16', 2e-4],
      ['uint8', 2e-3],
    ] as const) {
      const model = join(dir, `vgg-${quantize}`);
      const { code, stderr, stdout } = await nst(
        'convert-vgg19',
        h5,
        '-o',
        model,
        ...(quantize === 'float32' ? [] : ['--quantize', quantize]),
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /model\.json/);
      const net = await loadVgg19(modelDirectory(model));
      assert.deepEqual(Object.keys(net.styleLayers), ['conv1_1', 'conv2_1', 'conv3_1', 'conv4_1', 'conv5_1']);
      assert.equal(net.contentLayer, 'conv4_2');
      // The first conv of a one-pixel white image is relu(Σ kernel·x + b): check it against the h5 values.
      const pixel = tf.ones([1, 1, 1, 3]) as tf.Tensor4D;
      const got = net.extract(pixel, ['conv1_1']).conv1_1!.dataSync();
      const kernel = original.get('block1_conv1/kernel')!;
      const bias = original.get('block1_conv1/bias')!;
      const input = [255 - 103.939, 255 - 116.779, 255 - 123.68]; // BGR, caffe mean
      for (let out = 0; out < 4; out++) {
        let sum = bias[out]!;
        for (let c = 0; c < 3; c++) sum += kernel[(4 * 3 + c) * 4 + out]! * input[c]!; // centre tap
        const scale = Math.max(1, Math.abs(sum));
        assert.ok(
          Math.abs(got[out]! - Math.max(0, sum)) <= tolerance * 300 * scale + 1e-4,
          `${quantize}: ${got[out]} vs ${Math.max(0, sum)}`,
        );
      }
      net.dispose();
      pixel.dispose();
    }
    const out = join(dir, 'vgg.png');
    const { code, stderr } = await nst(
      ...stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}van-gogh-night-cafe.png`, out),
      '--network',
      join(dir, 'vgg-float16'),
      ...fast,
    );
    assert.equal(code, 0, stderr);
  });

  test('says what is wrong with a file that is not VGG-19 weights', async () => {
    const h5 = join(dir, 'incomplete.h5');
    await writeNarrowVgg19H5(h5, 4, { skip: 'block3_conv4/kernel' });
    const missing = await nst('convert-vgg19', h5, '-o', join(dir, 'bad'));
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /convert-vgg19 .*incomplete\.h5: This Keras weights file \(\.h5\) is not VGG-19: it has 12 conv layers .*without conv3_4\./,
    );
    const notH5 = await nst('convert-vgg19', `${SAMPLES}coffee.png`, '-o', join(dir, 'bad'));
    assert.match(notH5.stderr, /coffee\.png: This is not a VGG-19 weights file: it is a PNG image/);
    const model = join(dir, 'not-vgg');
    await nst('convert-vgg19', join(dir, 'vgg19_notop.h5'), '-o', model);
    const json = JSON.parse(await readFile(join(model, 'model.json'), 'utf8')) as { weightsManifest: { weights: { name: string }[] }[] };
    json.weightsManifest[0]!.weights[0]!.name = 'something/else';
    await writeFile(join(model, 'model.json'), JSON.stringify(json));
    const notVgg = await nst(
      ...stylizeArgs(`${SAMPLES}coffee.png`, `${SAMPLES}coffee.png`, join(dir, 'x.png')),
      '--backend',
      'cpu',
      '--network',
      model,
    );
    assert.equal(notVgg.code, 1);
    assert.match(notVgg.stderr, /not a VGG-19 model: it has no weight 'block1_conv1\/kernel'/);
  });
});

describe('units', () => {
  test('parseStylizeArgs: styles with weights, defaults, and the usage on a mistake', () => {
    const args = parseStylizeArgs(['c.png', '--style', 'a=b.png', '--style', 'x.png=0.25', '-o', 'o.webp']);
    assert.deepEqual(args.styles, [
      { path: 'a=b.png', weight: 1 },
      { path: 'x.png', weight: 0.25 },
    ]);
    assert.equal(args.size, 384);
    assert.equal(args.iterations, undefined, "absent: core's default for the result's size");
    assert.equal(args.backend, 'auto');
    assert.equal(args.recolour, true);
    assert.equal(parseStylizeArgs(['c.png', '--style', 's.png', '--no-recolour', '-o', 'o.png']).recolour, false);
    assert.throws(() => parseStylizeArgs(['c.png', '-o', 'o.png']), /at least one --style[\s\S]*Usage: nst stylize/);
  });

  test('toFloat16Bits matches known half-precision values', () => {
    assert.deepEqual([1, -2, 0.5, 65504, 1e-8, Infinity, 1 / 3].map(toFloat16Bits), [0x3c00, 0xc000, 0x3800, 0x7bff, 0, 0x7c00, 0x3555]);
  });

  test('encodeWeights writes tfjs manifests that tfjs decodes', () => {
    const values = Float32Array.from([-1, 0, 0.5, 2]);
    for (const q of ['float32', 'float16', 'uint8'] as const) {
      const { entries, shard } = encodeWeights([{ name: 'w', shape: [4], values }], q);
      const decoded = tf.io.decodeWeights(shard.buffer, entries as never).w!.dataSync();
      Array.from(values).forEach((v, i) => assert.ok(Math.abs(decoded[i]! - v) < 0.01, `${q}: ${decoded[i]} vs ${v}`));
    }
  });
});
