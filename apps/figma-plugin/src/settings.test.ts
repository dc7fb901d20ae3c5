import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from './settings.js';

describe('readSettings', () => {
  test('keeps valid settings as they are', () => {
    const settings = { styleName: 'Brick', strength: 0.8, size: 0, iterations: 10, preserveColors: true, placement: 'replace', backend: 'wasm' };
    assert.deepEqual(readSettings(settings), settings);
  });

  test('replaces each missing or invalid field by its default, keeping the others', () => {
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings('junk'), DEFAULT_SETTINGS);
    const read = readSettings({ strength: 2, size: 5000, iterations: 1.5, placement: 'under', backend: 'cuda', preserveColors: 'yes', styleName: '', extra: 1 });
    assert.deepEqual(read, DEFAULT_SETTINGS);
    assert.equal(readSettings({ size: 8 }).size, DEFAULT_SETTINGS.size);
    assert.equal(readSettings({ iterations: 7 }).iterations, 7);
  });
});
