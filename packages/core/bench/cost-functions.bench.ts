/**
 * `npm run bench`: gramMatrix and layerStyleCost, forward and forward+gradient, on every backend
 * that starts here, against the plain one-line tfjs expression run in the same process.
 * Prints medians in ms and the speed-up (baseline / ours; > 1 means ours is faster).
 */
import { type BackendName, gramMatrix, initBackend, layerStyleCost, messageOf, tf } from '../src/index.js';
import { machine, table, writeReadmeSection } from './bench-report.js';

type Shape = [number, number, number, number];
const SHAPES: Shape[] = [
  [1, 128, 128, 64],
  [1, 64, 64, 256],
];
const REPS: Record<BackendName, number> = { webgpu: 9, webgl: 9, native: 9, wasm: 9, cpu: 3 };

const plainGram = (a: tf.Tensor4D) => {
  const f = tf.reshape(a, [-1, a.shape[3]]);
  return tf.matMul(f, f, true, false);
};
const plainStyleCost = (aS: tf.Tensor4D, aG: tf.Tensor4D) =>
  tf.div(tf.sum(tf.squaredDifference(plainGram(aS), plainGram(aG))), (2 * aG.size) ** 2);

interface Case {
  name: string;
  ours: (aS: tf.Tensor4D, aG: tf.Tensor4D, w: tf.Tensor2D) => tf.Tensor;
  plain: (aS: tf.Tensor4D, aG: tf.Tensor4D, w: tf.Tensor2D) => tf.Tensor;
}
const withGrad =
  (f: (aS: tf.Tensor4D, aG: tf.Tensor4D, w: tf.Tensor2D) => tf.Tensor) => (aS: tf.Tensor4D, aG: tf.Tensor4D, w: tf.Tensor2D) =>
    tf.grad((x: tf.Tensor) => tf.sum(f(aS, x as tf.Tensor4D, w)))(aG);

const gramCase = (gram: (a: tf.Tensor4D) => tf.Tensor) => (_: tf.Tensor4D, aG: tf.Tensor4D, w: tf.Tensor2D) => tf.sum(tf.mul(gram(aG), w));
const CASES: Case[] = [
  { name: 'gramMatrix', ours: (_, aG) => gramMatrix(aG), plain: (_, aG) => plainGram(aG) },
  { name: 'gramMatrix +grad', ours: withGrad(gramCase(gramMatrix)), plain: withGrad(gramCase(plainGram)) },
  { name: 'layerStyleCost', ours: (aS, aG) => layerStyleCost(aS, aG), plain: plainStyleCost },
  { name: 'layerStyleCost +grad', ours: withGrad(layerStyleCost), plain: withGrad(plainStyleCost) },
];

async function median(reps: number, run: () => tf.Tensor): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const start = performance.now();
    const out = tf.tidy(run);
    await out.data();
    out.dispose();
    if (i > 0) times.push(performance.now() - start); // the first run compiles shaders, warms caches
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

const rows: string[][] = [['backend', 'function', 'shape', 'ours ms', 'plain tfjs ms', 'speed-up']];
for (const backend of ['webgpu', 'wasm', 'cpu'] as const) {
  let label: string = backend;
  try {
    const report = await initBackend({ backend });
    if (report.adapter) label = `${backend} (${report.adapter.device || report.adapter.description})`;
  } catch (error) {
    console.log(`${backend}: skipped, ${messageOf(error)}`);
    continue;
  }
  for (const shape of SHAPES) {
    const size = shape.reduce((a, b) => a * b, 1);
    const aS = tf.tensor4d(
      Float32Array.from({ length: size }, (_, i) => Math.abs(Math.sin(i))),
      shape,
    );
    const aG = tf.tensor4d(
      Float32Array.from({ length: size }, (_, i) => Math.abs(Math.cos(i))),
      shape,
    );
    const w = tf.randomUniform([shape[3], shape[3]], 0, 1, 'float32', 1) as tf.Tensor2D;
    for (const c of CASES) {
      const plain = await median(REPS[backend], () => c.plain(aS, aG, w));
      const ours = await median(REPS[backend], () => c.ours(aS, aG, w));
      rows.push([label, c.name, `[${shape.join(',')}]`, ours.toFixed(1), plain.toFixed(1), `${(plain / ours).toFixed(2)}×`]);
      console.error(rows.at(-1)?.join('  '));
    }
    tf.dispose([aS, aG, w]);
  }
}

writeReadmeSection('cost-functions', `${table(rows)}\n\nMedians on ${machine()}; "speed-up" above 1× means ours is faster.`);
