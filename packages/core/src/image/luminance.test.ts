import { before, describe, test } from 'node:test';
import { initBackend, tf } from '../index.js';
import { combineLuminance, luminanceImage, matchLuminance, rgbToYiq, yiqToRgb } from './luminance.js';
import { assertClose, randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

const image = (seed: number) =>
  tf.tensor4d(
    randomValues(4 * 5 * 3, seed).map((v) => (v + 1) / 2),
    [1, 4, 5, 3],
  );

describe('luminance', () => {
  test('RGB → YIQ → RGB is the identity, and white has Y = 1, I = Q = 0', () => {
    const x = image(1);
    assertClose(yiqToRgb(rgbToYiq(x)).dataSync(), x.dataSync(), { rtol: 0, atol: 2e-3 }); // the matrices have 3 decimals
    assertClose(rgbToYiq(tf.ones([1, 1, 1, 3]) as tf.Tensor4D).dataSync(), [1, 0, 0], { rtol: 0, atol: 1e-3 });
  });

  test('combineLuminance takes Y from one image and I, Q from the other', () => {
    const [lum, colour] = [image(2), image(3)];
    const yiq = rgbToYiq(combineLuminance(lum, colour)).dataSync();
    const [yl, yc] = [rgbToYiq(lum).dataSync(), rgbToYiq(colour).dataSync()];
    for (let i = 0; i < yiq.length; i++) assertClose(yiq[i]!, (i % 3 === 0 ? yl : yc)[i]!, { rtol: 0, atol: 1e-3 }, `channel ${i % 3}`);
  });

  test('matchLuminance gives the source the mean and spread of the target', () => {
    const [s, t] = [luminanceImage(image(4)), luminanceImage(tf.mul(image(5), 0.3) as tf.Tensor4D)];
    const m = tf.moments(matchLuminance(s, t));
    const mt = tf.moments(t);
    assertClose([m.mean.dataSync()[0]!, m.variance.dataSync()[0]!], [mt.mean.dataSync()[0]!, mt.variance.dataSync()[0]!], {
      rtol: 1e-3,
      atol: 1e-6,
    });
  });
});
