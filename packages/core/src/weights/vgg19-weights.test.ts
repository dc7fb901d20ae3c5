import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ConvNet, initBackend, vgg19Preprocess, type Vgg19Input, WeightFileError } from '../index.js';
import { affinePreprocess } from '../native/native-executor.js';
import { narrowVgg19 } from '../testing/test-network.js';
import { assertClose } from '../testing/tensors.js';
import { assertVgg19Convs, hwioFromColumnMajor, hwioFromOihw } from './vgg19-weights.js';

before(() => initBackend({ backend: 'cpu' }));

describe('weight layouts', () => {
  test('[out, in, h, w] → [h, w, in, out], on a 2×1×1×2 kernel by hand', () => {
    // w[o][i][y][x] = 1000·o + 100·i + 10·y + x, for o < 2, i < 1, y < 1, x < 2.
    const oihw = Float32Array.from([0, 1, 1000, 1001]);
    const { data, shape } = hwioFromOihw(oihw, [2, 1, 1, 2]);
    assert.deepEqual(shape, [1, 2, 1, 2]);
    // [y][x][i][o]: (0,0,0,0)=0 (0,0,0,1)=1000 (0,1,0,0)=1 (0,1,0,1)=1001
    assert.deepEqual([...data], [0, 1000, 1, 1001]);
  });

  test("MATLAB's column-major [h, w, in, out] → row-major, on a 2×1×1×2 kernel by hand", () => {
    // Column-major: index = y + 2·(x + 1·(i + 1·o)); value = 10·y + 100·o.
    const columnMajor = Float32Array.from([0, 10, 100, 110]);
    const { data, shape } = hwioFromColumnMajor(columnMajor, [2, 1, 1, 2]);
    assert.deepEqual(shape, [2, 1, 1, 2]);
    // Row-major [y][x][i][o]: (0,0,0,0)=0 (0,0,0,1)=100 (1,0,0,0)=10 (1,0,0,1)=110
    assert.deepEqual([...data], [0, 100, 10, 110]);
  });

  test('VGG-16 and a VGG-19 without conv4_4 are refused; one without conv5_2 … conv5_4 is not', () => {
    const vgg16 = [2, 2, 3, 3, 3].flatMap((n, b) => Array.from({ length: n }, (_, i) => `conv${b + 1}_${i + 1}`));
    assert.throws(
      () => assertVgg19Convs(vgg16, 'caffe'),
      (e: unknown) => e instanceof WeightFileError && e.found === 'VGG-16 (13 conv layers)',
    );
    const to51 = [2, 2, 4, 4, 1].flatMap((n, b) => Array.from({ length: n }, (_, i) => `conv${b + 1}_${i + 1}`));
    assertVgg19Convs(to51, 'keras');
    assert.throws(
      () =>
        assertVgg19Convs(
          to51.filter((n) => n !== 'conv4_4'),
          'keras',
        ),
      /12 conv layers .*without conv4_4\./,
    );
  });
});

describe("each format's input", () => {
  test('is the per-channel affine map the native engine reads off it', async () => {
    const inputs: [Vgg19Input, number[][], number[]][] = [
      [
        { kind: 'imagenet' },
        [
          [1 / 0.229, 0, 0],
          [0, 1 / 0.224, 0],
          [0, 0, 1 / 0.225],
        ],
        [-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225],
      ],
      [
        { kind: 'caffe' },
        [
          [0, 0, 255],
          [0, 255, 0],
          [255, 0, 0],
        ],
        [-103.939, -116.779, -123.68],
      ],
      [
        { kind: 'rgb255', mean: [120, 110, 100] },
        [
          [255, 0, 0],
          [0, 255, 0],
          [0, 0, 255],
        ],
        [-120, -110, -100],
      ],
    ];
    for (const [input, matrix, bias] of inputs) {
      const base = narrowVgg19(2);
      const net = new ConvNet({ ...base.spec, preprocess: vgg19Preprocess(input) });
      const affine = await affinePreprocess(net);
      assertClose(affine.matrix, matrix.flat(), { rtol: 1e-5, atol: 1e-3 }, `${input.kind} matrix`);
      assertClose(affine.bias, bias, { rtol: 1e-5, atol: 1e-3 }, `${input.kind} bias`);
      net.dispose();
      base.dispose();
    }
  });
});
