/**
 * Style levels: which a stage gets, and the levelled objective's J and ∂J/∂x, against finite
 * differences through the halvings, with the stage and one level tiled and the coarsest whole.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createDefaultNetwork, initBackend, stylize, tf } from '../index.js';
import { pixelsOf, type Pixels } from '../image/pixels.js';
import { rgbTensor } from '../image/rgba-image.js';
import { painting, photo } from '../testing/images.js';
import { randomValues } from '../testing/tensors.js';
import { assertPixelGradient } from '../testing/assert-pixel-gradient.js';
import { convStack, testNetwork } from '../testing/test-network.js';
import { createLevelledObjective } from './levelled-objective.js';
import { createStageObjectives } from './stage-objectives.js';
import { stageSettings } from './stage-settings.js';
import { styleLevels } from './style-levels.js';
import { resolveStylizeOptions } from './stylize-options.js';

before(() => initBackend({ backend: 'cpu' }));

describe('styleLevels', () => {
  const settings = (styleLevelSide?: number) =>
    resolveStylizeOptions(
      { content: photo(8, 8), styles: [{ image: painting(8, 8) }], ...(styleLevelSide === undefined ? {} : { styleLevelSide }) },
      createDefaultNetwork(),
    );

  test('at 512, halved while the halved side is 512 or more: none below about 1024 px, two at 2048; none by default', () => {
    const sizes = (width: number, height: number) =>
      styleLevels(settings(512), { width, height }).map((l) => `${l.size.width}×${l.size.height}`);
    assert.deepEqual(sizes(512, 341), []);
    assert.deepEqual(sizes(1000, 683), []);
    assert.deepEqual(sizes(1024, 683), ['512×342']);
    assert.deepEqual(sizes(2048, 1365), ['1024×683', '512×342']);
    assert.deepEqual(styleLevels(settings(), { width: 2048, height: 1365 }), []);
  });

  test("a level has a stage's style layers at its size, and no content or TV weight", () => {
    const s = settings(512);
    const [level] = styleLevels(s, { width: 1024, height: 512 });
    assert.deepEqual(level!.settings.styleLayers, stageSettings(s, { width: 512, height: 256 }).styleLayers);
    assert.notDeepEqual(level!.settings.styleLayers, stageSettings(s, { width: 1024, height: 512 }).styleLayers);
    assert.equal(level!.settings.contentWeight, 0);
    assert.equal(level!.settings.tvWeight, 0);
    assert.equal(level!.settings.styleWeight, s.styleWeight);
  });
});

describe('createLevelledObjective', () => {
  const network = testNetwork(convStack([6, 8], ['blur']), { seed: 3, contentLayer: 'c2', styleLayers: { c1: 1, c2: 1 } });

  test('J is the stage’s plus each level’s at the halved image, and ∂J/∂x matches finite differences', async () => {
    const content = photo(40, 30);
    const settings = resolveStylizeOptions(
      { content, styles: [{ image: painting(24, 20) }], styleLevelSide: 8, shifts: 1, tvWeight: 0.1 },
      network,
    );
    const levels = styleLevels(settings, content);
    assert.deepEqual(
      levels.map((l) => [l.size.width, l.size.height]),
      [
        [20, 15],
        [10, 8],
      ],
    );
    const objectives = createStageObjectives(network, { tileSize: 16 });
    assert.deepEqual(
      [content, ...levels.map((l) => l.size)].map((size) => objectives.tiled(settings, size)),
      [true, true, false],
    );
    const styles = [rgbTensor(painting(24, 20))];
    const photoPixels = await pixelsOf(rgbTensor(content));
    // The network makes its weights on first use: one evaluation first, then count.
    const warm = await createLevelledObjective(objectives, settings, [], photoPixels, styles);
    await warm.evaluatePixels(photoPixels);
    warm.dispose();
    const before = tf.memory().numTensors;
    const levelled = await createLevelledObjective(objectives, settings, levels, photoPixels, styles);
    const stage = await createLevelledObjective(objectives, settings, [], photoPixels, styles);
    // Inside [0, 1] and a small step: ReLU's kinks make larger steps disagree on this small net.
    const noise = randomValues(photoPixels.data.length, 1);
    const x: Pixels = { ...photoPixels, data: photoPixels.data.map((v, i) => 0.1 + 0.8 * v + 0.05 * noise[i]!) };
    const at = await levelled.evaluatePixels(x);
    const own = await stage.evaluatePixels(x);
    assert.ok(at.loss > own.loss, 'the levels add their style costs');
    assert.equal(at.contentLoss, own.contentLoss);
    await assertPixelGradient(levelled, x, at.gradient);
    levelled.dispose();
    stage.dispose();
    await objectives.dispose();
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    tf.dispose(styles);
  });
});

describe('stylize with style levels', () => {
  test('levels change the result, and a run leaves no tensor behind', async () => {
    const options = { content: photo(48, 40), styles: [{ image: painting(32, 32) }], iterations: 6, stages: 2 };
    const without = await stylize({ ...options, styleLevelSide: 0 });
    const before = tf.memory().numTensors;
    const levelled = await stylize({ ...options, styleLevelSide: 12 });
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual([levelled.width, levelled.height], [48, 40]);
    const changed = Array.from(levelled.data).filter((v, i) => Math.abs(v - without.data[i]!) > 2).length;
    assert.ok(changed > levelled.data.length / 20, `${changed} of ${levelled.data.length} channel values changed`);
  });
});
