/**
 * The main thread's reading of what the UI iframe posts: every message is checked against the
 * shared union (`UiToMain`, `protocol.ts`) before anything is done with it, as the VS Code
 * extension checks its webview's. A message that does not follow the protocol (a UI from another
 * version, a bug) throws a {@link UiMessageError} saying what arrived and what was expected, and
 * is never acted on.
 */
import type { UiToMain } from './protocol.js';
import { readSettings } from './settings.js';

/** A message from the UI that does not follow the protocol. */
export class UiMessageError extends Error {
  override readonly name = 'UiMessageError';
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a value is, in a few words, for error messages. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return `an object (${Object.keys(value).slice(0, 4).join(', ') || 'no keys'})`;
  return `a ${typeof value}`;
}

function field<T>(message: Fields, key: string, what: string, check: (value: unknown) => value is T): T {
  const value = message[key];
  if (!check(value)) {
    throw new UiMessageError(
      `The plugin window’s '${String(message['type'])}' message has ${key} ${describe(value)}, not ${what}: ` +
        'the window and the plugin may be from different versions; close the plugin and run it again.',
    );
  }
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && typeof value === 'number' && value >= 1;
const isPng = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length > 0;

/** `value` as a {@link UiToMain}, its settings cleaned by `readSettings`; throws a {@link UiMessageError} saying what is wrong. */
export function parseUiMessage(value: unknown): UiToMain {
  if (!isObject(value) || typeof value['type'] !== 'string') {
    throw new UiMessageError(`The plugin window sent ${describe(value)}, not a message: close the plugin and run it again.`);
  }
  switch (value['type']) {
    case 'ready':
    case 'use-selected-image-as-style':
    case 'cancel':
      return { type: value['type'] };
    case 'save-settings':
    case 'stylize-selection':
      return { type: value['type'], settings: readSettings(field(value, 'settings', 'the settings (an object)', isObject)) };
    case 'result':
      return {
        type: 'result',
        nodeId: field(value, 'nodeId', 'a layer id', isString),
        index: field(value, 'index', 'a job number (1, 2, …)', isIndex),
        png: field(value, 'png', 'PNG bytes (a non-empty Uint8Array)', isPng),
      };
    case 'job-failed':
      return {
        type: 'job-failed',
        nodeId: field(value, 'nodeId', 'a layer id', isString),
        index: field(value, 'index', 'a job number (1, 2, …)', isIndex),
        message: field(value, 'message', 'text', isString),
      };
    case 'notify':
      return {
        type: 'notify',
        message: field(value, 'message', 'text', isString),
        error: field(value, 'error', 'true or false', isBoolean),
      };
    default:
      throw new UiMessageError(
        `The plugin does not know the plugin window’s '${value['type']}' message: ` +
          'the window and the plugin may be from different versions; close the plugin and run it again.',
      );
  }
}
