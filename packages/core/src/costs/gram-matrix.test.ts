import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ActivationShapeError, gramMatrix, initBackend, tf } from '../index.js';
import { assertClose, randomActivation, randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

describe('gramMatrix', () => {
  test("computes G[k,k'] = Σ a[i,j,k]·a[i,j,k'] on a 2×2×2 activation by hand", () => {
    // Pixels (1,2), (3,4), (5,6), (7,8): G00 = 1+9+25+49, G01 = 2+12+30+56, G11 = 4+16+36+64.
    const a = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const g = gramMatrix(a);
    assert.deepEqual(g.shape, [2, 2]);
    assert.deepEqual(Array.from(g.dataSync()), [84, 100, 100, 120]);
    tf.dispose([a, g]);
  });

  test('matches a plain loop for nH ≠ nW and an odd channel count', () => {
    const [nH, nW, nC] = [3, 5, 7];
    const a = randomActivation(nH, nW, nC, 1);
    const v = a.dataSync();
    const expected = new Float64Array(nC * nC);
    for (let p = 0; p < nH * nW; p++) {
      for (let k = 0; k < nC; k++) {
        for (let l = 0; l < nC; l++) expected[k * nC + l]! += v[p * nC + k]! * v[p * nC + l]!;
      }
    }
    const g = gramMatrix(a);
    assert.deepEqual(g.shape, [nC, nC]);
    assertClose(g.dataSync(), expected, { rtol: 1e-5 });
    tf.dispose([a, g]);
  });

  test('is symmetric and positive semi-definite on random activations', () => {
    for (let seed = 0; seed < 5; seed++) {
      const nC = 3 + seed;
      const a = tf.tensor4d(randomValues(4 * 6 * nC, seed), [1, 4, 6, nC]);
      const g = gramMatrix(a);
      const gt = tf.transpose(g);
      assertClose(g.dataSync(), gt.dataSync(), { rtol: 0, atol: 0 }, `G vs Gᵀ (seed ${seed})`);
      for (let trial = 0; trial < 5; trial++) {
        const x = tf.tensor2d(randomValues(nC, 100 * seed + trial), [nC, 1]);
        const quadratic = tf.matMul(tf.matMul(x, g, true), x);
        assert.ok(quadratic.dataSync()[0]! >= -1e-4, `xᵀGx = ${quadratic.dataSync()[0]} < 0`);
        tf.dispose([x, quadratic]);
      }
      tf.dispose([a, g, gt]);
    }
  });

  test('scales by s² when the activation scales by s', () => {
    const a = randomActivation(3, 4, 5, 7);
    const s = 2.5;
    const scaled = tf.mul(a, s) as tf.Tensor4D;
    const g = gramMatrix(a);
    const gs = gramMatrix(scaled);
    assertClose(
      gs.dataSync(),
      g.dataSync().map((x) => x * s * s),
      { rtol: 1e-5 },
    );
    tf.dispose([a, scaled, g, gs]);
  });

  test('rejects anything but one image [1, nH, nW, nC], saying what it got', () => {
    const cases: [tf.Tensor, RegExp][] = [
      [tf.zeros([2, 2, 3]), /rank 4.*got rank 3, \[2, 2, 3\]/],
      [tf.zeros([2, 2, 2, 3]), /batch 1.*got batch 2/],
      [tf.zeros([1, 0, 2, 3]), /empty/],
    ];
    for (const [t, message] of cases) {
      assert.throws(
        () => gramMatrix(t as tf.Tensor4D),
        (e: unknown) => e instanceof ActivationShapeError && message.test(e.message),
      );
      t.dispose();
    }
  });
});
