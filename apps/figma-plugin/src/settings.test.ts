import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIGMA_MAX_IMAGE_SIDE } from './export-plan.js';
import { DEFAULT_SETTINGS, PLACEMENTS, QUALITIES, SETTINGS_SCHEMA, readSettings, styleChoices } from './settings.js';

describe('readSettings', () => {
  test('keeps valid settings as they are', () => {
    const settings = {
      styleName: 'Brick',
      strength: 0.8,
      size: 0,
      iterations: 10,
      preserveColors: true,
      placement: 'replace',
      backend: 'wasm',
      keepText: false,
      keepVectors: true,
      variations: true,
      variationStyles: ['Brick', 'Gravel'],
      variationStrengths: [0.25, 0.75],
    };
    assert.deepEqual(readSettings(settings), settings);
  });

  test('replaces each missing or invalid field by its default, keeping the others', () => {
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings('junk'), DEFAULT_SETTINGS);
    const read = readSettings({
      strength: 2,
      size: 5000,
      iterations: 1.5,
      placement: 'under',
      backend: 'cuda',
      preserveColors: 'yes',
      styleName: '',
      extra: 1,
      keepText: 'no',
      variationStyles: 'Brick',
    });
    assert.deepEqual(read, DEFAULT_SETTINGS);
    assert.equal(readSettings({ size: 8 }).size, DEFAULT_SETTINGS.size);
    assert.equal(readSettings({ iterations: 7 }).iterations, 7);
  });

  test('variation lists lose duplicates, junk and anything past their limit', () => {
    const read = readSettings({
      variationStyles: ['A', 'A', '', 3, 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'],
      variationStrengths: [0.5, 0.5, 2, -1, 0.1, 0.2, 0.3, 0.4],
    });
    assert.deepEqual(read.variationStyles, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    assert.deepEqual(read.variationStrengths, [0.5, 0.1, 0.2, 0.3]);
  });
});

describe('SETTINGS_SCHEMA', () => {
  test('the largest size is Figma’s image limit, and the pickers offer only what readSettings keeps', () => {
    assert.equal(SETTINGS_SCHEMA.size.max, FIGMA_MAX_IMAGE_SIDE);
    for (const q of QUALITIES)
      assert.deepEqual(readSettings({ size: q.size, iterations: q.iterations }), {
        ...DEFAULT_SETTINGS,
        size: q.size,
        iterations: q.iterations,
      });
    assert.deepEqual(
      SETTINGS_SCHEMA.placement.options,
      PLACEMENTS.map((p) => p.id),
    );
  });
});

describe('styleChoices', () => {
  test('one choice without variations; styles × strengths with them, falling back to the single style or strength', () => {
    const s = { ...DEFAULT_SETTINGS, styleName: 'Bricks', strength: 0.4 };
    assert.deepEqual(styleChoices({ ...s, variationStyles: ['A', 'B'] }), [{ styleName: 'Bricks', strength: 0.4 }]);
    assert.deepEqual(styleChoices({ ...s, variations: true, variationStyles: ['A', 'B'], variationStrengths: [0.25, 0.75] }), [
      { styleName: 'A', strength: 0.25 },
      { styleName: 'A', strength: 0.75 },
      { styleName: 'B', strength: 0.25 },
      { styleName: 'B', strength: 0.75 },
    ]);
    assert.deepEqual(styleChoices({ ...s, variations: true }), [{ styleName: 'Bricks', strength: 0.4 }]);
    assert.deepEqual(styleChoices({ ...s, variations: true, variationStrengths: [0.25] }), [{ styleName: 'Bricks', strength: 0.25 }]);
  });
});
