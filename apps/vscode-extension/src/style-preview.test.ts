import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { activate } from './extension.js';
import { FakeWebviewPanel, mock } from './testing/vscode-mock.js';

const extensionUri = vscode.Uri.file('/ext');
const style = vscode.Uri.file('/work/art/night-cafe.png');
const photo = vscode.Uri.file('/work/photos/cat.jpg');
const SAMPLE = new Uint8Array([9, 9, 9]);

/** Runs "Open Style Preview" on `style`, as the explorer's context menu does; returns the panel VS Code made. */
async function openPreview(): Promise<FakeWebviewPanel> {
  activate({ subscriptions: [], extensionUri });
  await vscode.commands.executeCommand('nst.openStylePreview', style);
  const panel = mock.panels.at(-1);
  assert.ok(panel instanceof FakeWebviewPanel && panel.viewType === 'nst.stylePreview');
  return panel;
}

describe('Style Preview (host side)', () => {
  beforeEach(() => {
    mock.reset();
    mock.files.set(style.path, new Uint8Array([1, 2, 3]));
    mock.files.set(photo.path, new Uint8Array([4, 5]));
    mock.files.set('/ext/media/sample-content.jpg', SAMPLE);
  });

  test('sets up the webview: scripts, resources only from the extension and the image’s folder, a nonce’d CSP', async () => {
    const panel = await openPreview();
    const { options, html } = panel.webview;
    assert.equal(options.enableScripts, true);
    assert.deepEqual(
      options.localResourceRoots?.map((u) => u.path),
      ['/ext/dist/webview', '/ext/media', '/work/art'],
    );
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce !== undefined && nonce.length >= 16);
    assert.match(
      html,
      new RegExp(
        `<script nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}" src="https://file\\+\\.vscode-resource[^"]+/ext/dist/webview/index\\.js">`,
      ),
    );
    assert.match(html, /'wasm-unsafe-eval'/, 'auto may fall back to wasm');
    assert.doesNotMatch(html, /unsafe-inline|'unsafe-eval'/);

    mock.settings.set('nst.backend', 'webgpu');
    mock.configurationChanged.fire({ affectsConfiguration: (s) => s === 'nst' });
    assert.doesNotMatch(panel.webview.html, /wasm-unsafe-eval/, 'no wasm, no wasm compilation');
    assert.notEqual(/nonce-([^']+)/.exec(panel.webview.html)?.[1], nonce, 'a fresh nonce per page');
  });

  test('on ready, sends the style and the bundled sample with the configured settings', async () => {
    mock.settings.set('nst.preview.size', 128);
    mock.settings.set('nst.preview.iterations', 5000);
    mock.settings.set('nst.vgg19ModelPath', '/models/vgg19');
    const panel = await openPreview();
    panel.receive({ type: 'ready' });
    const message = await panel.posted.next('preview');
    assert.deepEqual(message['style'], { name: 'night-cafe.png', bytes: new Uint8Array([1, 2, 3]) });
    assert.deepEqual(message['content'], { name: 'sample-content.jpg', bytes: SAMPLE });
    assert.deepEqual(message['settings'], { size: 128, iterations: 60, strength: 0.5, preserveColors: false, backend: 'auto' });
    assert.equal(message['modelUrl'], 'https://file+.vscode-resource.vscode-cdn.net/models/vgg19/model.json');
    assert.equal(message['canSave'], true);
    assert.ok(panel.webview.options.localResourceRoots?.some((u) => u.path === '/models/vgg19'));
  });

  test("nst.vgg19ModelPath may name a weights file (the course's .mat): the page gets that file, not a model.json", async () => {
    const mat = '/models/imagenet-vgg-verydeep-19.mat';
    mock.files.set(mat, new Uint8Array([0x4d, 0x41, 0x54]));
    mock.settings.set('nst.vgg19ModelPath', mat);
    const panel = await openPreview();
    panel.receive({ type: 'ready' });
    const message = await panel.posted.next('preview');
    assert.equal(message['modelUrl'], 'https://file+.vscode-resource.vscode-cdn.net/models/imagenet-vgg-verydeep-19.mat');
    assert.ok(panel.webview.options.localResourceRoots?.some((u) => u.path === mat));
    mock.files.delete(mat);
  });

  test('a missing or empty style image is reported to the page, which shows it', async () => {
    mock.files.set(style.path, new Uint8Array());
    const panel = await openPreview();
    panel.receive({ type: 'ready' });
    assert.deepEqual(await panel.posted.next('load-failed'), { type: 'load-failed', message: 'night-cafe.png is empty (0 bytes).' });
  });

  test('a style image deleted while its preview is open: the reloaded page says what happened and what to do', async () => {
    const panel = await openPreview();
    mock.files.delete(style.path);
    panel.receive({ type: 'ready' }); // the page reloads when its tab is shown again
    assert.deepEqual(await panel.posted.next('load-failed'), {
      type: 'load-failed',
      message:
        'night-cafe.png is no longer there (/work/art/night-cafe.png): it was deleted, moved or renamed. Close this preview and open the image where it is now.',
    });
  });

  test('"choose content" swaps the content image; the result is saved next to it, never over a file without asking', async () => {
    const panel = await openPreview();
    mock.answers.push([photo]);
    panel.receive({ type: 'pick-content' });
    assert.deepEqual((await panel.posted.next('content'))['content'], { name: 'cat.jpg', bytes: new Uint8Array([4, 5]) });

    const png = new Uint8Array([137, 80, 78, 71]);
    panel.receive({ type: 'save', png });
    assert.deepEqual(await panel.posted.next('saved'), { type: 'saved', path: '/work/photos/cat.night-cafe.png' });
    assert.deepEqual(mock.files.get('/work/photos/cat.night-cafe.png'), png);

    const second = new Uint8Array([137, 80, 78, 71, 2]);
    mock.answers.push(undefined);
    panel.receive({ type: 'save', png: second });
    await panel.posted.next('save-cancelled');
    assert.deepEqual(mock.files.get('/work/photos/cat.night-cafe.png'), png, 'dismissing the question keeps the file');
    assert.deepEqual(mock.messages.at(-1)?.items, ['Replace', 'Keep both']);

    mock.answers.push('Keep both');
    panel.receive({ type: 'save', png: second });
    assert.equal((await panel.posted.next('saved'))['path'], '/work/photos/cat.night-cafe (2).png');

    mock.answers.push('Replace');
    panel.receive({ type: 'save', png: second });
    await panel.posted.next('saved');
    assert.deepEqual(mock.files.get('/work/photos/cat.night-cafe.png'), second);
  });

  test('with the bundled sample as content, the result goes next to the style image, not into the extension', async () => {
    const panel = await openPreview();
    panel.receive({ type: 'save', png: new Uint8Array([1]) });
    assert.equal((await panel.posted.next('saved'))['path'], '/work/art/sample-content.night-cafe.png');
  });

  test('in an untrusted workspace the preview is read-only and a save is refused', async () => {
    mock.trusted = false;
    const panel = await openPreview();
    panel.receive({ type: 'ready' });
    assert.equal((await panel.posted.next('preview'))['canSave'], false);
    panel.receive({ type: 'save', png: new Uint8Array([1]) });
    await panel.posted.next('save-failed');
    assert.equal(
      [...mock.files.keys()].some((k) => k.endsWith('.night-cafe.png')),
      false,
    );
  });

  test('answers a malformed save (the page waits for it), drops other malformed messages, and stops listening once closed', async () => {
    const panel = await openPreview();
    panel.receive({ type: 'save', png: 'not bytes' });
    panel.receive({ type: 'rm -rf' });
    panel.receive(null);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(panel.posted.messages, [
      { type: 'save-failed', message: "The 'save' message's png is a string, not PNG bytes (a Uint8Array)." },
    ]);
    assert.equal(
      [...mock.files.keys()].some((k) => k.endsWith('.night-cafe.png')),
      false,
    );
    const listeners = mock.configurationChanged.size;
    panel.dispose();
    assert.equal(panel.listenerCount, 0);
    assert.equal(mock.configurationChanged.size, listeners - 1, 'no configuration listener left behind');
  });
});
