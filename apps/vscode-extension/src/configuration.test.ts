import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { BACKEND_PREFERENCES } from '@nst/browser/backend-preference';
import { PREVIEW_SETTINGS_SCHEMA } from './preview-settings.js';

interface Property {
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
}

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  contributes: { configuration: { properties: Readonly<Record<string, Property>> } };
};
const property = (key: string): Property => {
  const found = manifest.contributes.configuration.properties[key];
  assert.ok(found, `package.json configures ${key}`);
  return found;
};

describe('package.json’s contributes.configuration', () => {
  test('says what the settings schema says: ranges, defaults and the backend choices', () => {
    const { size, iterations, backend } = PREVIEW_SETTINGS_SCHEMA;
    for (const [key, rule] of [
      ['nst.preview.size', size],
      ['nst.preview.iterations', iterations],
    ] as const) {
      assert.deepEqual([property(key).minimum, property(key).maximum, property(key).default], [rule.min, rule.max, rule.fallback], key);
    }
    assert.deepEqual(property('nst.backend').enum, BACKEND_PREFERENCES);
    assert.equal(property('nst.backend').default, backend.fallback);
    assert.equal(property('nst.backend').enumDescriptions?.length, BACKEND_PREFERENCES.length);
  });
});
