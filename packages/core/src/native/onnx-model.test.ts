import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnnxGraph } from './onnx-model.js';
import { loadOnnxRuntime } from './onnx-runtime.js';

test('a graph written by OnnxGraph runs in ONNX Runtime with the values worked out by hand', async () => {
  const ort = await loadOnnxRuntime();
  const g = new OnnxGraph();
  const x = g.input('x', [1, 1, 2, 3]);
  // A 3×3 kernel of ones with zero padding: each output is the sum of its neighbourhood, then + 11, ReLU.
  const conv = g.op('Conv', [x, g.floats(new Float32Array(9).fill(1), [1, 1, 3, 3]), g.floats([11], [1])], { pads: [1, 1, 1, 1] });
  const relu = g.op('Relu', [conv]);
  g.output('y', relu);
  g.output('total', g.op('ReduceSum', [relu, g.ints([1, 2, 3])], { keepdims: 0 }));
  g.output('scaled', g.op('Mul', [g.op('Reshape', [relu, g.ints([-1])]), g.floats([2], [])]));
  const session = await ort.InferenceSession.create(g.toModel(), { logSeverityLevel: 3 });
  // x = [[1, −2, 3], [−4, −5, −6]]: every neighbourhood is both rows, so each row's sums are [−10, −13, −10].
  const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, -2, 3, -4, -5, -6), [1, 1, 2, 3]) });
  assert.deepEqual(Array.from(out.y!.data as Float32Array), [1, 0, 1, 1, 0, 1]);
  assert.deepEqual(out.y!.dims, [1, 1, 2, 3]);
  assert.deepEqual(Array.from(out.total!.data as Float32Array), [4]);
  assert.deepEqual(Array.from(out.scaled!.data as Float32Array), [2, 0, 2, 2, 0, 2]);
  await session.release();
});
