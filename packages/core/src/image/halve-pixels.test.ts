import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addHalvedAdjoint, halvePixels } from './halve-pixels.js';
import { assertClose, randomValues } from '../testing/tensors.js';

/** A `width` × `height` RGB image whose three channels are `values`, 2 × `values` and 3 × `values`. */
const grey = (values: number[], width: number, height: number) => ({
  data: Float32Array.from(values.flatMap((v) => [v, 2 * v, 3 * v])),
  width,
  height,
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('halvePixels', () => {
  test('a 4×1 line: [1, 3, 3, 1] / 8 at stride 2, its ends mirrored', () => {
    const [a, b, c, d] = [8, 16, 24, 40];
    const half = halvePixels(grey([a, b, c, d], 4, 1));
    assert.deepEqual([half.width, half.height], [2, 1]);
    const first = (a + 3 * a + 3 * b + c) / 8;
    const second = (b + 3 * c + 3 * d + d) / 8;
    assertClose(half.data, [first, 2 * first, 3 * first, second, 2 * second, 3 * second]);
  });

  test('odd sides round up, and a constant image stays constant', () => {
    const half = halvePixels(grey(new Array(5 * 3).fill(0.5), 5, 3));
    assert.deepEqual([half.width, half.height], [3, 2]);
    assertClose(half.data, new Array(3 * 2).fill([0.5, 1, 1.5]).flat());
  });

  test('addHalvedAdjoint is the adjoint: ⟨h(x), g⟩ = ⟨x, hᵀg⟩, and it adds into its target', () => {
    for (const [width, height] of [
      [7, 5],
      [8, 6],
      [1, 3],
    ] as const) {
      const x = { data: Float32Array.from(randomValues(width * height * 3, width)), width, height };
      const h = halvePixels(x);
      const g = Float32Array.from(randomValues(h.data.length, height + 10));
      const back = new Float32Array(x.data.length).fill(1);
      addHalvedAdjoint(back, width, height, g);
      const added = back.map((v) => v - 1);
      assertClose(dot(x.data, added), dot(h.data, g), { rtol: 1e-5, atol: 1e-6 }, `${width}×${height}`);
    }
  });
});
