import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { activate } from './extension.js';
import { FakeWebviewPanel, mock } from './testing/vscode-mock.js';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    customEditors: { viewType: string; priority: string; selector: { filenamePattern: string }[] }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
  capabilities: { untrustedWorkspaces: { supported: unknown }; virtualWorkspaces: { supported: unknown } };
}

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Manifest;
const extensionUri = vscode.Uri.file('/ext');

function activated() {
  const context = { subscriptions: [] as { dispose(): void }[], extensionUri };
  activate(context);
  return context;
}

describe('activate', () => {
  beforeEach(() => mock.reset());

  test('registers exactly the commands and custom editors package.json contributes, and disposes them', () => {
    const context = activated();
    assert.deepEqual([...mock.commands.keys()].sort(), manifest.contributes.commands.map((c) => c.command).sort());
    assert.deepEqual(
      [...mock.editorProviders.keys()],
      manifest.contributes.customEditors.map((e) => e.viewType),
    );
    for (const menu of Object.values(manifest.contributes.menus)) {
      for (const item of menu) assert.ok(mock.commands.has(item.command), `menu item ${item.command} is registered`);
    }
    for (const d of context.subscriptions) d.dispose();
    assert.equal(mock.commands.size, 0);
    assert.equal(mock.editorProviders.size, 0);
  });

  test('the custom editor is optional ("Open With…") and covers every image type the code opens', () => {
    const [editor] = manifest.contributes.customEditors;
    assert.equal(editor?.priority, 'option');
    assert.deepEqual(
      editor?.selector.map((s) => s.filenamePattern),
      ['*.png', '*.jpg', '*.jpeg', '*.webp', '*.bmp', '*.gif'],
    );
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(Object.keys(manifest.contributes.configuration.properties).includes('nst.vgg19ModelPath'));
  });

  test('"Open Style Preview" opens the clicked image with the custom editor, or asks for one', async () => {
    activated();
    const image = vscode.Uri.file('/work/painting.png');
    await vscode.commands.executeCommand('nst.openStylePreview', image);
    assert.deepEqual(mock.executed.at(-1), { command: 'vscode.openWith', args: [image, 'nst.stylePreview'] });
    mock.answers.push(undefined);
    await vscode.commands.executeCommand('nst.openStylePreview');
    assert.equal(mock.executed.at(-1)?.command, 'nst.openStylePreview', 'dismissing the dialog opens nothing');
  });

  test('"Compare Styles" needs two images, then opens a panel and sends them', async () => {
    activated();
    const a = vscode.Uri.file('/work/a.png');
    const b = vscode.Uri.file('/work/b.jpg');
    mock.files.set(a.path, new Uint8Array([1]));
    mock.files.set(b.path, new Uint8Array([2, 2]));
    mock.answers.push(undefined);
    await vscode.commands.executeCommand('nst.compareStyles', a, [a, vscode.Uri.file('/work/notes.txt')]);
    assert.deepEqual(mock.messages.at(-1), { kind: 'error', message: 'Select two or more images to compare their styles.', items: [] });
    assert.equal(mock.panels.length, 0);

    await vscode.commands.executeCommand('nst.compareStyles', a, [a, vscode.Uri.file('/work/shapes.svg'), b]);
    assert.deepEqual(mock.messages.at(-1), {
      kind: 'information',
      message: 'Not compared: shapes.svg. Styles are compared for PNG, JPEG, WebP, BMP and GIF images.',
      items: [],
    });
    const panel = mock.panels[0];
    assert.ok(panel instanceof FakeWebviewPanel);
    assert.match(panel.webview.html, /data-mode="compare"/);
    panel.receive({ type: 'ready' });
    const message = await panel.posted.next('compare');
    assert.deepEqual(message['images'], [
      { name: 'a.png', bytes: new Uint8Array([1]) },
      { name: 'b.jpg', bytes: new Uint8Array([2, 2]) },
    ]);
    panel.dispose();
    assert.equal(panel.listenerCount, 0, 'the comparison lets go of the panel');
  });
});
