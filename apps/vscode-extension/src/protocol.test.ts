import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  encodeHostMessage,
  encodeWebviewMessage,
  parseHostMessage,
  parseWebviewMessage,
  plainBytes,
  ProtocolError,
  type HostToWebview,
  type PreviewSettings,
} from './protocol.js';
import { throughVsCode } from './testing/vscode-mock.js';

const SETTINGS: PreviewSettings = { size: 192, iterations: 40, strength: 0.5, preserveColors: false, backend: 'auto' };
const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

/** What `workspace.fs.readFile` gives in the Node extension host: a Buffer, often a view into a larger pool. */
const nodeBuffer = (bytes: readonly number[]) => Buffer.concat([Buffer.from(bytes), Buffer.alloc(16)]).subarray(0, bytes.length);

const isPlain = (bytes: unknown) => bytes instanceof Uint8Array && Object.getPrototypeOf(bytes) === Uint8Array.prototype;

describe('plainBytes', () => {
  test('keeps a plain Uint8Array as it is; copies a Buffer or a view to exactly its bytes', () => {
    const plain = new Uint8Array(PNG);
    assert.equal(plainBytes(plain), plain);
    const fromBuffer = plainBytes(nodeBuffer(PNG));
    assert.ok(isPlain(fromBuffer));
    assert.deepEqual(fromBuffer, plain);
    const view = plainBytes(new Uint8Array(new ArrayBuffer(64), 8, 4));
    assert.equal(view.buffer.byteLength, 4, 'no larger buffer travels along');
  });
});

describe('the host → webview messages, through VS Code', () => {
  const messages: HostToWebview[] = [
    {
      type: 'preview',
      style: { name: 'night-cafe.png', bytes: nodeBuffer(PNG) },
      content: { name: 'cat.jpg', bytes: nodeBuffer([255, 216]) },
      settings: SETTINGS,
      modelUrl: 'https://x/model.json',
      canSave: true,
    },
    { type: 'content', content: { name: 'cat.jpg', bytes: nodeBuffer([255, 216, 255]) } },
    {
      type: 'compare',
      images: [
        { name: 'a.png', bytes: nodeBuffer(PNG) },
        { name: 'b.gif', bytes: new Uint8Array([71, 73, 70]) },
      ],
      settings: SETTINGS,
    },
    { type: 'load-failed', message: 'a.png is empty (0 bytes).' },
    { type: 'saved', path: '/work/cat.night-cafe.png' },
    { type: 'save-cancelled' },
    { type: 'save-failed', message: 'disk full' },
  ];

  test('encoded, every message arrives whole, its bytes as plain Uint8Arrays', () => {
    for (const message of messages) {
      const arrived = parseHostMessage(throughVsCode(encodeHostMessage(message)));
      assert.deepEqual(arrived, throughVsCode(encodeHostMessage(message)));
      assert.deepEqual(JSON.stringify(arrived), JSON.stringify(encodeHostMessage(message)), message.type);
    }
    const preview = parseHostMessage(throughVsCode(encodeHostMessage(messages[0]!)));
    assert.ok(preview.type === 'preview' && isPlain(preview.style.bytes) && isPlain(preview.content.bytes));
    assert.deepEqual(preview.type === 'preview' && [...preview.style.bytes], PNG);
  });

  test('a Buffer posted as it is arrives as { type: "Buffer", data }, and the page says so instead of "could not be decoded"', () => {
    const arrived = throughVsCode(messages[0]);
    assert.throws(
      () => parseHostMessage(arrived),
      (error: unknown) => {
        assert.ok(error instanceof ProtocolError);
        assert.equal(
          error.message,
          'The style image “night-cafe.png” arrived as a Node Buffer turned into JSON ({ type: "Buffer", data: [...] }), not as bytes (a Uint8Array): ' +
            'the extension sent it wrongly. Update or reinstall the extension; if that does not help, report it.',
        );
        return true;
      },
    );
    assert.throws(() => parseHostMessage(throughVsCode(messages[2])), /image 1 “a\.png” arrived as a Node Buffer/);
  });

  test('anything else is refused with what arrived', () => {
    const cases: [unknown, RegExp][] = [
      [null, /got null from the extension/],
      ['preview', /got a string/],
      [{ type: 'exec' }, /does not know the extension's 'exec' message/],
      [{ type: 'content', content: { name: 'x.png', bytes: [1, 2] } }, /“x\.png” arrived as an array of 2/],
      [{ type: 'content', content: 'x.png' }, /content image is a string/],
      [
        {
          type: 'preview',
          style: { name: 's', bytes: new Uint8Array(1) },
          content: { name: 'c', bytes: new Uint8Array(1) },
          settings: SETTINGS,
        },
        /canSave is undefined/,
      ],
      [{ type: 'compare', images: {}, settings: SETTINGS }, /images is an object/],
      [{ type: 'saved' }, /path is undefined, not a path/],
    ];
    for (const [value, message] of cases) assert.throws(() => parseHostMessage(value), message, JSON.stringify(value));
  });
});

describe('the webview → host messages, through VS Code', () => {
  test('a save arrives with its PNG as bytes; ready and pick-content as they are', () => {
    const png = new Uint8Array(new ArrayBuffer(32), 4, PNG.length);
    png.set(PNG);
    const arrived = parseWebviewMessage(throughVsCode(structuredClone(encodeWebviewMessage({ type: 'save', png }))));
    assert.ok(arrived.type === 'save');
    assert.deepEqual([...arrived.png], PNG);
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'pick-content' }), { type: 'pick-content' });
  });

  test('anything else is refused with a ProtocolError', () => {
    for (const bad of [
      null,
      'ready',
      {},
      { type: 'save' },
      { type: 'save', png: new Uint8Array() },
      { type: 'save', png: [1] },
      { type: 'exec' },
    ]) {
      assert.throws(() => parseWebviewMessage(bad), ProtocolError, JSON.stringify(bad));
    }
    assert.throws(() => parseWebviewMessage({ type: 'save', png: new Uint8Array() }), /empty \(0 bytes\): apply the style again/);
  });
});
