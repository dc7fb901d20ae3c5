import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  ConvNet,
  createDefaultNetwork,
  DEFAULT_ARCHITECTURE,
  initBackend,
  InvalidModelError,
  randomConvLayers,
  tf,
  UnknownLayerError,
} from '../index.js';
import { assertClose, directionalDerivatives, randomValues, scalarValue } from '../testing/tensors.js';
import { convStack, testNetwork, twoConvs } from '../testing/test-network.js';

before(() => initBackend({ backend: 'cpu' }));

const identity = (rgb: tf.Tensor4D) => tf.clone(rgb);
const small = () => testNetwork(twoConvs(4, 5, 'avg'), { seed: 3, contentLayer: 'c2', styleLayers: { c1: 1 }, preprocess: identity });

describe('ConvNet', () => {
  test('extracts the layers asked for, with their shapes', () => {
    const net = small();
    const image = tf.tensor4d(randomValues(6 * 10 * 3, 1), [1, 6, 10, 3]);
    const acts = net.extract(image, ['c1', 'c2']);
    assert.deepEqual(Object.keys(acts).sort(), ['c1', 'c2']);
    assert.deepEqual(acts.c1!.shape, [1, 6, 10, 4]);
    assert.deepEqual(acts.c2!.shape, [1, 3, 5, 5]);
    assert.ok(
      acts.c1!.dataSync().every((v) => v >= 0),
      'ReLU',
    );
    tf.dispose([image, ...Object.values(acts)]);
    net.dispose();
  });

  test('its hand-written input gradient equals autodiff of relu(conv2d(x, w) + b)', () => {
    const layers = randomConvLayers([{ name: 'c1', channels: 6 }], 5);
    const layer = layers[0]!;
    assert.equal(layer.kind, 'conv');
    if (layer.kind !== 'conv') return;
    const net = new ConvNet({
      name: 't',
      layers,
      contentLayer: 'c1',
      styleLayers: {},
      costWeights: { alpha: 1, beta: 1 },
      preprocess: identity,
    });
    const x = tf.tensor4d(randomValues(5 * 7 * 3, 2), [1, 5, 7, 3]);
    const weights = tf.tensor4d(randomValues(5 * 7 * 6, 3), [1, 5, 7, 6]);
    const w = tf.tensor4d(layer.filter, [...layer.filterShape]);
    const b = tf.tensor1d(randomValues(6, 4)); // not the net's zero bias: checks only dx, which b does not change
    const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(net.extract(t as tf.Tensor4D, ['c1']).c1!, weights)))(x);
    const plain = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.conv2d(t as tf.Tensor4D, w, 1, 'same')), weights)))(x);
    assertClose(ours.dataSync(), plain.dataSync(), { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, weights, w, b, ours, plain]);
    net.dispose();
  });

  test('names unknown layers and misfitting weights', () => {
    const net = small();
    const image = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    assert.throws(
      () => net.extract(image, ['conv5_1']),
      (e: unknown) => e instanceof UnknownLayerError && /no layer 'conv5_1'; it has c1, p1, c2/.test(e.message),
    );
    image.dispose();
    net.dispose();
    assert.throws(
      () =>
        new ConvNet({
          name: 'bad',
          layers: [{ kind: 'conv', name: 'c', filterShape: [3, 3, 4, 2], filter: new Float32Array(72), bias: new Float32Array(2) }],
          contentLayer: 'c',
          styleLayers: {},
          costWeights: { alpha: 1, beta: 1 },
          preprocess: identity,
        }),
      (e: unknown) => e instanceof InvalidModelError && /after a layer of 3 channels/.test(e.message),
    );
  });

  test('the embedded network is the same on every run, and is not an identity', () => {
    const [a, b] = [createDefaultNetwork(), createDefaultNetwork()];
    const image = tf.tensor4d(
      randomValues(16 * 16 * 3, 9).map((v) => (v + 1) / 2),
      [1, 16, 16, 3],
    );
    const [fa, fb] = [a.extract(image, ['conv4_1']).conv4_1!, b.extract(image, ['conv4_1']).conv4_1!];
    assert.deepEqual(fa.shape, [1, 2, 2, 256]);
    assert.deepEqual(fa.dataSync(), fb.dataSync());
    assert.ok(fa.dataSync().some((v) => v > 0));
    assert.deepEqual(
      a.layers,
      DEFAULT_ARCHITECTURE.map((l) => l.name),
    );
    tf.dispose([image, fa, fb]);
    a.dispose();
    b.dispose();
  });

  test("'reflect' padding sees a constant image as constant up to the border; zero padding does not", () => {
    const spec = (padding: 'zero' | 'reflect') =>
      new ConvNet({
        name: padding,
        layers: randomConvLayers([{ name: 'c1', channels: 4 }], 7),
        contentLayer: 'c1',
        styleLayers: {},
        costWeights: { alpha: 1, beta: 1 },
        preprocess: identity,
        padding,
      });
    const image = tf.fill([1, 5, 6, 3], 0.7) as tf.Tensor4D;
    const [mirrored, zero] = [spec('reflect'), spec('zero')];
    const m = mirrored.extract(image, ['c1']).c1!;
    const z = zero.extract(image, ['c1']).c1!;
    assert.deepEqual(m.shape, [1, 5, 6, 4]);
    const values = m.dataSync();
    for (let i = 0; i < values.length; i++) assertClose(values[i]!, values[i % 4]!, { rtol: 1e-5, atol: 1e-6 }, `reflect[${i}]`);
    const zeros = z.dataSync();
    assert.ok(
      zeros.some((v, i) => Math.abs(v - zeros[(2 * 6 + 2) * 4 + (i % 4)]!) > 1e-3),
      'zero padding darkens the border',
    );
    tf.dispose([image, m, z]);
    mirrored.dispose();
    zero.dispose();
  });

  test("'reflect' padding's gradient agrees with finite differences, the mirrored border included", () => {
    const net = new ConvNet({
      name: 't',
      layers: randomConvLayers(
        [
          { name: 'c1', channels: 3 },
          { name: 'c2', channels: 2 },
        ],
        11,
      ),
      contentLayer: 'c2',
      styleLayers: {},
      costWeights: { alpha: 1, beta: 1 },
      preprocess: identity,
      padding: 'reflect',
    });
    for (const [h, w] of [
      [4, 5],
      [3, 3],
      [2, 6],
    ] as const) {
      const weights = tf.tensor4d(randomValues(h * w * 2, 13), [1, h, w, 2]);
      const f = (t: tf.Tensor4D) => tf.sum(tf.mul(net.extract(t, ['c2']).c2!, weights)) as tf.Scalar;
      for (let seed = 1; seed <= 3; seed++) {
        // Values in [0.5, 1.5], so that no ReLU sits at its kink within the step.
        const x = tf.tensor4d(
          randomValues(h * w * 3, 20 + seed).map((v) => v / 2 + 1),
          [1, h, w, 3],
        );
        const v = tf.tensor4d(randomValues(h * w * 3, 40 + seed), [1, h, w, 3]);
        const { numeric, analytic } = directionalDerivatives(f, x, v, 1e-3);
        assertClose(analytic, numeric, { rtol: 5e-3, atol: 1e-3 }, `${h}×${w}, seed ${seed}`);
        tf.dispose([x, v]);
      }
      weights.dispose();
    }
    net.dispose();
  });

  test("pools' gradients agree with finite differences at the border, where a 'same' window holds fewer pixels (odd and even sizes)", () => {
    // tfjs's own AvgPoolGrad divides by the whole window there; this fails without the k²/count scaling.
    for (const mode of ['avg', 'blur', 'max'] as const) {
      const net = testNetwork([{ name: 'p1', pool: mode }], { contentLayer: 'p1', styleLayers: {}, preprocess: identity });
      for (const [h, w] of [
        [5, 4],
        [3, 7],
      ] as const) {
        const [oh, ow] = [Math.ceil(h / 2), Math.ceil(w / 2)];
        const weights = tf.tensor4d(randomValues(oh * ow * 3, 17), [1, oh, ow, 3]);
        const f = (t: tf.Tensor4D) => tf.sum(tf.mul(net.extract(t, ['p1']).p1!, weights)) as tf.Scalar;
        const x = tf.tensor4d(randomValues(h * w * 3, 23), [1, h, w, 3]);
        const backpropagated = net.backpropagate(x, { p1: () => weights.clone() });
        const autodiff = tf.grad((t: tf.Tensor) => f(t as tf.Tensor4D))(x);
        for (let seed = 1; seed <= 3; seed++) {
          const v = tf.tensor4d(randomValues(h * w * 3, 60 + seed), [1, h, w, 3]);
          const { numeric, analytic } = directionalDerivatives(f, x, v, 1e-3);
          const what = `${mode} pool, ${h}×${w}, seed ${seed}`;
          assertClose(analytic, numeric, { rtol: 2e-3, atol: 1e-4 }, `${what}: autodiff`);
          assertClose(scalarValue(tf.sum(tf.mul(backpropagated, v))), numeric, { rtol: 2e-3, atol: 1e-4 }, `${what}: backpropagate`);
          v.dispose();
        }
        tf.dispose([weights, x, backpropagated, autodiff]);
      }
      net.dispose();
    }
  });

  test('backpropagate equals autodiff of Σ⟨c_l, a_l⟩ (zero and mirrored borders, every pool), and frees what it makes', () => {
    for (const padding of ['zero', 'reflect'] as const) {
      const net = testNetwork(convStack([4, 5, 3], ['blur', 'max', 'avg']), {
        seed: 7,
        contentLayer: 'c2',
        styleLayers: { c1: 1, c3: 1 },
        padding,
      });
      const image = tf.tensor4d(randomValues(13 * 11 * 3, 8), [1, 13, 11, 3]);
      const layers = ['c1', 'c2', 'c3'];
      // A nonlinear cotangent per layer, as a cost's would be: c_l = (i + 1)·a_l², layer l the i-th.
      const cotangent = (l: string) => (a: tf.Tensor4D) => tf.mul<tf.Tensor4D>(tf.square(a), layers.indexOf(l) + 1);
      const cotangents = Object.fromEntries(layers.map((l) => [l, cotangent(l)]));
      net.backpropagate(image, cotangents).dispose(); // the first call uploads the weights
      const before = tf.memory().numTensors;
      const ours = net.backpropagate(image, cotangents);
      assert.equal(tf.memory().numTensors, before + 1, 'only the gradient is left');
      // Autodiff of Σ_l ⟨stop_gradient(c_l(a_l)), a_l⟩.
      const cs = tf.tidy(() => {
        const acts = net.extract(image, layers);
        return layers.map((l) => cotangent(l)(acts[l]!));
      });
      const plain = tf.grad((t: tf.Tensor) => {
        const acts = net.extract(t as tf.Tensor4D, layers);
        return tf.addN(layers.map((l, i) => tf.sum(tf.mul(acts[l]!, cs[i]!))));
      })(image);
      assertClose(ours.dataSync(), plain.dataSync(), { rtol: 1e-4, atol: 1e-6 }, padding);
      tf.dispose([image, ours, plain, ...cs]);
      net.dispose();
    }
  });

  test("'blur' pooling averages 3×3 windows with stride 2", () => {
    const net = new ConvNet({
      name: 'b',
      layers: [{ kind: 'pool', name: 'p', mode: 'blur' }],
      contentLayer: 'p',
      styleLayers: {},
      costWeights: { alpha: 1, beta: 1 },
      preprocess: identity,
    });
    // One channel, 4×4: x[i][j] = 4i + j.
    const image = tf.tensor4d(
      Array.from({ length: 16 }, (_, k) => k),
      [1, 4, 4, 1],
    );
    const pooled = net.extract(image, ['p']).p!;
    assert.deepEqual(pooled.shape, [1, 2, 2, 1]);
    // 'same' windows centred on (1,1), (1,3), (3,1), (3,3), clipped at the border: means of 3×3, 3×2, 2×3, 2×2 blocks.
    assertClose(pooled.dataSync(), [5, 6.5, 11, 12.5]);
    tf.dispose([image, pooled]);
    net.dispose();
  });
});
