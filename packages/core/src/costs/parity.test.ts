/**
 * Every cost and its gradient on webgpu (Dawn in Node) and wasm against cpu. The webgpu backend is
 * forced: where no adapter is found this suite fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type BackendName,
  contentCost,
  gramMatrix,
  initBackend,
  layerStyleCost,
  styleCost,
  tf,
  totalCost,
  totalVariation,
} from '../index.js';
import { assertClose, randomValues } from '../testing/tensors.js';

type Shape = [number, number, number];
const inputs = (shape: Shape, seed: number) => randomValues(shape[0] * shape[1] * shape[2], seed).map((v) => (v + 1) * 2);
const t4 = (values: Float32Array, [h, w, c]: Shape) => tf.tensor4d(values, [1, h, w, c]);

const S1: Shape = [9, 13, 5];
const S2: Shape = [5, 6, 16];
const data = { s1: inputs(S1, 1), g1: inputs(S1, 2), s2: inputs(S2, 3), g2: inputs(S2, 4) };

/** Each case: a cost of the generated activations (g1, g2), as values and gradients. */
const cases: Record<string, (g1: tf.Tensor4D, g2: tf.Tensor4D) => tf.Scalar> = {
  'gramMatrix (Σ G)': (g1) => tf.sum(gramMatrix(g1)),
  contentCost: (g1) => contentCost(t4(data.s1, S1), g1),
  layerStyleCost: (g1) => layerStyleCost(t4(data.s1, S1), g1),
  styleCost: (g1, g2) => styleCost({ a: t4(data.s1, S1), b: t4(data.s2, S2) }, { a: g1, b: g2 }, { a: 0.7, b: 1.3 }),
  totalCost: (g1, g2) => totalCost(contentCost(t4(data.s1, S1), g1), styleCost({ b: gramMatrix(t4(data.s2, S2)) }, { b: g2 }, { b: 1 })),
  totalVariation: (g1) => totalVariation(g1),
};

interface Result {
  value: number;
  grads: [Float32Array, Float32Array];
}

async function run(backend: BackendName): Promise<Record<string, Result>> {
  const report = await initBackend({ backend });
  assert.equal(report.backend, backend);
  const out: Record<string, Result> = {};
  for (const [name, f] of Object.entries(cases)) {
    const g1 = t4(data.g1, S1);
    const g2 = t4(data.g2, S2);
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) =>
      tf.add(f(a as tf.Tensor4D, b as tf.Tensor4D), tf.mul(0, tf.sum(b))),
    )([g1, g2]);
    out[name] = {
      value: (await value.data())[0] ?? NaN,
      grads: [(await grads[0]!.data()) as Float32Array, (await grads[1]!.data()) as Float32Array],
    };
    tf.dispose([g1, g2, value, ...grads]);
  }
  return out;
}

describe('backend parity', () => {
  let reference: Record<string, Result>;

  test('cpu computes the reference', async () => {
    reference = await run('cpu');
    for (const { value } of Object.values(reference)) assert.ok(Number.isFinite(value) && value > 0);
  });

  for (const backend of ['wasm', 'webgpu'] as const) {
    test(`${backend} agrees with cpu on every cost and gradient`, async () => {
      const results = await run(backend);
      for (const [name, { value, grads }] of Object.entries(results)) {
        const ref = reference[name]!;
        assertClose(value, ref.value, { rtol: 1e-4 }, `${backend} ${name} value`);
        grads.forEach((g, i) => {
          const scale = Math.max(...ref.grads[i]!.map(Math.abs));
          assertClose(g, ref.grads[i]!, { rtol: 1e-4, atol: 1e-5 * scale }, `${backend} ${name} ∂/∂g${i + 1}`);
        });
      }
    });
  }
});
