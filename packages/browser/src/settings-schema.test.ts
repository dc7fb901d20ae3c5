import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKEND_PREFERENCES } from './backend-preference.js';
import {
  booleanSetting,
  choiceSetting,
  fieldsOf,
  integerSetting,
  listSetting,
  numberSetting,
  readSettings,
  settingDefaults,
  textSetting,
} from './settings-schema.js';

const schema = {
  name: textSetting('a'),
  strength: numberSetting(0, 1, 0.5),
  size: integerSetting(0, 4096, 512, (v) => v === 0 || v >= 16),
  on: booleanSetting(false),
  backend: choiceSetting(BACKEND_PREFERENCES, 'auto'),
  tags: listSetting(textSetting(''), 2),
};

describe('readSettings', () => {
  test('keeps the allowed values and gives every other field its default', () => {
    const raw = { name: 'b', strength: 0.9, size: 8, on: 'yes', backend: 'webgl', tags: ['x', '', 3, 'x', 'y', 'z'] };
    assert.deepEqual(readSettings(schema, fieldsOf(raw)), {
      name: 'b',
      strength: 0.9,
      size: 512,
      on: false,
      backend: 'webgl',
      tags: ['x', 'y'],
    });
    assert.deepEqual(readSettings(schema, fieldsOf({ strength: Number.NaN, size: 0, backend: 'cuda', tags: 'x' })), {
      ...settingDefaults(schema),
      size: 0,
    });
    assert.deepEqual(readSettings(schema, fieldsOf(null)), settingDefaults(schema));
  });

  test('the defaults, and the rules say their ranges and options', () => {
    assert.deepEqual(settingDefaults(schema), { name: 'a', strength: 0.5, size: 512, on: false, backend: 'auto', tags: [] });
    assert.deepEqual([schema.size.min, schema.size.max, schema.backend.options], [0, 4096, BACKEND_PREFERENCES]);
  });
});
