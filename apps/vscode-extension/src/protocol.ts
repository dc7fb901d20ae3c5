/**
 * The messages between the extension host (which sees the workspace) and the preview webview
 * (which runs the style transfer on the GPU). One union each way, shared by both sides.
 *
 * Bytes cross as plain `Uint8Array`s, which VS Code transfers as binary. A Node `Buffer` (what
 * `workspace.fs.readFile` returns in the Node extension host) does not survive: VS Code's
 * serialiser runs `JSON.stringify`, which calls `Buffer#toJSON` first, so the page would get
 * `{ type: "Buffer", data: [...] }`. So each side encodes what it sends ({@link encodeHostMessage},
 * {@link encodeWebviewMessage}) and parses what it receives ({@link parseHostMessage},
 * {@link parseWebviewMessage}), which throw a {@link ProtocolError} for anything malformed.
 */
import { type PreviewSettings, readPreviewSettings } from './preview-settings.js';

export type { PreviewSettings } from './preview-settings.js';

/** An image file, read by the host through `workspace.fs` (so virtual file systems work too). */
export interface ImageFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Host → webview. */
export type HostToWebview =
  | {
      readonly type: 'preview';
      readonly style: ImageFile;
      readonly content: ImageFile;
      readonly settings: PreviewSettings;
      /** The configured VGG-19: a directory's `model.json` (`nst convert-vgg19`), or a weights file (.pth, .mat, .caffemodel, .h5). */
      readonly modelUrl?: string;
      /** False in an untrusted workspace: the preview is read-only. */
      readonly canSave: boolean;
    }
  | { readonly type: 'content'; readonly content: ImageFile }
  | { readonly type: 'compare'; readonly images: readonly ImageFile[]; readonly settings: PreviewSettings; readonly modelUrl?: string }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'saved'; readonly path: string }
  | { readonly type: 'save-cancelled' }
  | { readonly type: 'save-failed'; readonly message: string };

/** Webview → host. */
export type WebviewToHost =
  { readonly type: 'ready' } | { readonly type: 'pick-content' } | { readonly type: 'save'; readonly png: Uint8Array };

/** A message that does not follow the protocol: the message says what arrived and what was expected. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/**
 * `bytes` as a plain `Uint8Array` over exactly its own bytes: a `Buffer` or any other subclass, or
 * a view into a larger buffer, is copied (VS Code would send a view's whole underlying buffer).
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  const plain =
    Object.getPrototypeOf(bytes) === Uint8Array.prototype && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return plain ? bytes : new Uint8Array(bytes);
}

const plainFile = (file: ImageFile): ImageFile => ({ name: file.name, bytes: plainBytes(file.bytes) });

/** `message` ready for `webview.postMessage`: every byte array in it a plain `Uint8Array`. */
export function encodeHostMessage(message: HostToWebview): HostToWebview {
  switch (message.type) {
    case 'preview':
      return { ...message, style: plainFile(message.style), content: plainFile(message.content) };
    case 'content':
      return { ...message, content: plainFile(message.content) };
    case 'compare':
      return { ...message, images: message.images.map(plainFile) };
    case 'load-failed':
    case 'saved':
    case 'save-cancelled':
    case 'save-failed':
      return message;
  }
}

/** `message` ready for the webview API's `postMessage`: the PNG a plain `Uint8Array`. */
export function encodeWebviewMessage(message: WebviewToHost): WebviewToHost {
  return message.type === 'save' ? { type: 'save', png: plainBytes(message.png) } : message;
}

/** What a value is, in a few words, for error messages. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value !== 'object') return `a ${typeof value}`;
  if ('type' in value && value.type === 'Buffer' && 'data' in value && Array.isArray(value.data)) {
    return 'a Node Buffer turned into JSON ({ type: "Buffer", data: [...] })';
  }
  return `an object (${Object.keys(value).slice(0, 4).join(', ') || 'no keys'})`;
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(message: Fields, key: string, what: string, check: (value: unknown) => value is T): T {
  const value = message[key];
  if (!check(value)) throw new ProtocolError(`The '${String(message['type'])}' message's ${key} is ${describe(value)}, not ${what}.`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

function imageFile(value: unknown, what: string): ImageFile {
  if (!isObject(value) || typeof value['name'] !== 'string')
    throw new ProtocolError(`The ${what} is ${describe(value)}, not an image file ({ name, bytes }).`);
  const { name, bytes } = value;
  if (!(bytes instanceof Uint8Array)) {
    throw new ProtocolError(
      `The ${what} “${name}” arrived as ${describe(bytes)}, not as bytes (a Uint8Array): the extension sent it wrongly. ` +
        'Update or reinstall the extension; if that does not help, report it.',
    );
  }
  return { name, bytes };
}

function settingsOf(message: Fields): PreviewSettings {
  const settings = field(message, 'settings', 'the preview settings', isObject);
  return readPreviewSettings((key) => settings[key]);
}

const modelUrlOf = (message: Fields): { modelUrl?: string } => {
  const url = message['modelUrl'];
  if (url === undefined) return {};
  if (typeof url !== 'string')
    throw new ProtocolError(`The '${String(message['type'])}' message's modelUrl is ${describe(url)}, not a URL.`);
  return { modelUrl: url };
};

/** `value` as a {@link HostToWebview}; throws a {@link ProtocolError} saying what is wrong with it. */
export function parseHostMessage(value: unknown): HostToWebview {
  if (!isObject(value) || typeof value['type'] !== 'string')
    throw new ProtocolError(`The page got ${describe(value)} from the extension, not a message.`);
  switch (value['type']) {
    case 'preview':
      return {
        type: 'preview',
        style: imageFile(value['style'], 'style image'),
        content: imageFile(value['content'], 'content image'),
        settings: settingsOf(value),
        ...modelUrlOf(value),
        canSave: field(value, 'canSave', 'true or false', isBoolean),
      };
    case 'content':
      return { type: 'content', content: imageFile(value['content'], 'content image') };
    case 'compare': {
      const images = field(value, 'images', 'a list of images', Array.isArray);
      return {
        type: 'compare',
        images: images.map((image: unknown, i) => imageFile(image, `image ${i + 1}`)),
        settings: settingsOf(value),
        ...modelUrlOf(value),
      };
    }
    case 'load-failed':
    case 'save-failed':
      return { type: value['type'], message: field(value, 'message', 'text', isString) };
    case 'saved':
      return { type: 'saved', path: field(value, 'path', 'a path', isString) };
    case 'save-cancelled':
      return { type: 'save-cancelled' };
    default:
      throw new ProtocolError(
        `The page does not know the extension's '${value['type']}' message: the page and the extension are from different versions. Reload the window.`,
      );
  }
}

/** `value` as a {@link WebviewToHost}; throws a {@link ProtocolError} saying what is wrong with it. */
export function parseWebviewMessage(value: unknown): WebviewToHost {
  if (!isObject(value) || typeof value['type'] !== 'string')
    throw new ProtocolError(`The extension got ${describe(value)} from the page, not a message.`);
  switch (value['type']) {
    case 'ready':
    case 'pick-content':
      return { type: value['type'] };
    case 'save': {
      const png = field(value, 'png', 'PNG bytes (a Uint8Array)', isBytes);
      if (png.length === 0) throw new ProtocolError('The result to save is empty (0 bytes): apply the style again, then save.');
      return { type: 'save', png };
    }
    default:
      throw new ProtocolError(`The extension does not know the page's '${value['type']}' message.`);
  }
}
