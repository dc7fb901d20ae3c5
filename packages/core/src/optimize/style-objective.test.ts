import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initBackend, rgbTensor, tf } from '../index.js';
import { createStyleObjective } from './style-objective.js';
import { resolveStylizeOptions } from './stylize-options.js';
import { painting, photo } from '../testing/images.js';
import { testNetwork, twoConvs } from '../testing/test-network.js';
import { assertClose } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

const network = testNetwork(twoConvs(8, 12), { seed: 4, contentLayer: 'c2', styleLayers: { c1: 1, c2: 0.5 }, padding: 'reflect' });

describe('createStyleObjective', () => {
  for (const [name, seed, size, centredGram] of [
    ['one pair', 1, 16, true],
    ['another pair and size, plain Grams', 7, 24, false],
  ] as const) {
    test(`${name}: every term is relative, so at the photo J_content = 0, J_style = Σλ and TV = 1`, async () => {
      const content = photo(size, size - 4);
      const style = painting(20, 20, seed);
      const o = resolveStylizeOptions({ content, styles: [{ image: style }], styleWeight: 3, tvWeight: 0.5, centredGram }, network);
      const [photoRgb, styleRgb] = [rgbTensor(content), rgbTensor(style)];
      const objective = await createStyleObjective(network, o, photoRgb, [styleRgb]);
      const { loss, contentLoss, styleLoss, gradient } = await objective.evaluate(photoRgb);
      assertClose(contentLoss, 0, { atol: 1e-9 });
      assertClose(styleLoss, 1.5, { rtol: 1e-4 });
      assertClose(loss, 3 * 1.5 + 0.5, { rtol: 1e-4 });
      assert.deepEqual(gradient.shape, photoRgb.shape);
      assert.ok(
        gradient.dataSync().some((v) => v !== 0),
        'the style pulls away from the photo',
      );
      tf.dispose([gradient, photoRgb, styleRgb]);
      objective.dispose();
    });
  }

  test('dispose frees every target; evaluate leaks nothing', async () => {
    const content = photo(16, 12);
    const o = resolveStylizeOptions(
      {
        content,
        styles: [
          { image: painting(16, 16), weight: 1 },
          { image: painting(12, 12, 3), weight: 2 },
        ],
      },
      network,
    );
    const [photoRgb, a, b] = [rgbTensor(content), rgbTensor(painting(16, 16)), rgbTensor(painting(12, 12, 3))];
    network.extract(photoRgb, ['c2']).c2!.dispose(); // uploads the weights first
    const before = tf.memory().numTensors;
    const objective = await createStyleObjective(network, o, photoRgb, [a, b]);
    for (let i = 0; i < 3; i++) (await objective.evaluate(photoRgb)).gradient.dispose();
    objective.dispose();
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([photoRgb, a, b]);
  });
});
