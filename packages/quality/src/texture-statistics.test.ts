import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEXTURE_STATISTICS_LAYOUT, textureStatistics } from './index.js';
import { makeImage } from './testing/images.js';

const { logEnergyShare, variation, length } = TEXTURE_STATISTICS_LAYOUT;
const stripes = (low: number, high: number, vertical: boolean) =>
  makeImage(32, 32, (x, y) => {
    const v = Math.floor((vertical ? x : y) / 2) % 2 ? high : low; // a 4-px period
    return [v, v, v];
  });
/** Energy shares of the finest scale's orientations 0°, 45°, 90°, 135°. */
const finest = (stats: Float64Array) => Array.from(stats.slice(logEnergyShare, logEnergyShare + 4));
const argmax = (values: number[]) => values.indexOf(Math.max(...values));

describe('textureStatistics', () => {
  test('puts vertical stripes in the 0° band, and the same stripes turned 90° in the 90° band', () => {
    const vertical = finest(textureStatistics(stripes(0, 255, true)));
    const horizontal = finest(textureStatistics(stripes(0, 255, false)));
    assert.equal(argmax(vertical), 0);
    assert.equal(argmax(horizontal), 2);
    assert.ok((vertical[0] ?? 0) - (vertical[2] ?? 0) > 3, 'most of the energy, a factor e³ over the orthogonal band');
    vertical.forEach((v, o) => assert.ok(Math.abs(v - (horizontal[(o + 2) % 4] ?? 0)) < 1e-9));
  });

  test('ignores grey-level gain and offset', () => {
    const strong = textureStatistics(stripes(0, 200, true));
    const weak = textureStatistics(stripes(50, 150, true));
    strong.forEach((v, i) => assert.ok(Math.abs(v - (weak[i] ?? 0)) < 1e-9, `${i}`));
  });

  test('of a flat image: equal shares, no variation, no correlation', () => {
    const stats = textureStatistics(makeImage(9, 7, () => [80, 80, 80]));
    assert.equal(stats.length, length);
    stats.forEach((v, i) => assert.equal(v, i < variation ? Math.log(1 / 16 + 1e-6) : 0));
  });
});
