import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseUiMessage, UiMessageError } from './parse-ui-message.js';
import type { UiToMain } from './protocol.js';
import { DEFAULT_SETTINGS } from './settings.js';

const png = new Uint8Array([137, 80, 78, 71]);

describe('parseUiMessage', () => {
  test('every message of the protocol comes through as it is, settings cleaned', () => {
    const messages: UiToMain[] = [
      { type: 'ready' },
      { type: 'use-selected-image-as-style' },
      { type: 'cancel' },
      { type: 'save-settings', settings: DEFAULT_SETTINGS },
      { type: 'stylize-selection', settings: { ...DEFAULT_SETTINGS, strength: 0.9 } },
      { type: 'result', nodeId: '1:2', index: 3, png },
      { type: 'job-failed', nodeId: '1:2', index: 1, message: 'out of memory' },
      { type: 'notify', message: 'hi', error: false },
    ];
    for (const message of messages) assert.deepEqual(parseUiMessage(structuredClone(message)), message);
    assert.deepEqual(parseUiMessage({ type: 'save-settings', settings: { iterations: -3 } }), {
      type: 'save-settings',
      settings: DEFAULT_SETTINGS,
    });
  });

  test('anything else is refused with a UiMessageError saying what arrived and what was expected', () => {
    const refused: [unknown, RegExp][] = [
      [null, /sent null, not a message/],
      ['ready', /sent a string, not a message/],
      [{ kind: 'ready' }, /sent an object \(kind\), not a message/],
      [{ type: 'launch' }, /does not know the plugin window’s 'launch' message/],
      [{ type: 'stylize-selection', settings: 'fast' }, /'stylize-selection' message has settings a string, not the settings/],
      [{ type: 'stylize-selection' }, /has settings undefined/],
      [{ type: 'result', nodeId: '1:2', index: 1, png: [1, 2] }, /has png an array of 2, not PNG bytes/],
      [{ type: 'result', nodeId: '1:2', index: 1, png: new Uint8Array() }, /has png 0 bytes/],
      [{ type: 'result', nodeId: '1:2', index: 0, png }, /has index a number, not a job number/],
      [{ type: 'job-failed', nodeId: 7, index: 1, message: 'x' }, /has nodeId a number, not a layer id/],
      [{ type: 'notify', message: 'hi' }, /has error undefined, not true or false/],
    ];
    for (const [value, message] of refused) {
      assert.throws(
        () => parseUiMessage(value),
        (error: unknown) => error instanceof UiMessageError && error.name === 'UiMessageError' && message.test(error.message),
        String(message),
      );
    }
  });
});
