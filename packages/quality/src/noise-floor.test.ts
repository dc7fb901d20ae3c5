import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourDistance, fitImage, noiseFloor, textureDistance } from './index.js';
import { makeImage, readTestImage } from './testing/images.js';

describe('noiseFloor', () => {
  test('of the painting is below the photo’s distance to it, well below at another scale', async () => {
    const painting = await readTestImage('van-gogh-night-cafe.png');
    const photo = fitImage(await readTestImage('coffee.png'), 128);
    const style = fitImage(painting, 128);
    const floor = noiseFloor(painting, 128);
    const texture = textureDistance(photo, style);
    const colour = colourDistance(photo, style);
    assert.ok(floor.scale.texture > 0 && floor.scale.texture < 0.5 * texture);
    assert.ok(floor.scale.colour > 0 && floor.scale.colour < 0.1 * colour);
    // The halves of the Night Café hold different things (lamps and wall, table and door).
    assert.ok(floor.halves.texture > floor.scale.texture && floor.halves.texture < texture);
    assert.ok(floor.halves.colour > 0 && floor.halves.colour < 0.5 * colour);
  });

  test('of a flat painting is 0', () => {
    const floor = noiseFloor(
      makeImage(30, 20, () => [10, 120, 200]),
      24,
    );
    for (const self of [floor.scale, floor.halves]) {
      assert.equal(self.texture, 0);
      assert.ok(self.colour < 1e-12);
    }
  });
});
