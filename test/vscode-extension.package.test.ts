/**
 * The `.vsix` as vsce packs it: the bundled extension, the webview assets and a package.json whose
 * `contributes` match what the bundled code registers when VS Code (here, the mock) activates it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import * as vscodeMock from 'nst-style-preview/testing';
import { EXTENSION_DIR, packageVsix } from './vsix.js';

/** The files of a zip archive, by name. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return files;
}

interface Manifest {
  main: string;
  browser: string;
  contributes: { commands: { command: string }[]; customEditors: { viewType: string }[] };
}

describe('the .vsix', { timeout: 120_000 }, () => {
  let out: string;
  let files: Map<string, Buffer>;
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'nst-vsix-'));
    packageVsix(join(out, 'ext.vsix'));
    files = unzip(readFileSync(join(out, 'ext.vsix')));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('holds the bundled extension, the webview assets and the media, and no sources', () => {
    const names = [...files.keys()];
    for (const name of [
      'extension/package.json',
      'extension/readme.md',
      'extension/dist/extension.cjs',
      'extension/dist/web/extension.js',
      'extension/dist/webview/index.js',
      'extension/dist/webview/index.css',
      'extension/dist/webview/tfjs-backend-wasm.wasm',
      'extension/dist/webview/tfjs-backend-wasm-simd.wasm',
      'extension/dist/webview/tfjs-backend-wasm-threaded-simd.wasm',
      'extension/media/sample-content.jpg',
      'extension/docs/style-preview.png',
      'extension/license.txt',
      'extension/media/sources.md',
    ]) {
      assert.ok(
        names.some((n) => n.toLowerCase() === name),
        `${name} is in the .vsix (${names.join(', ')})`,
      );
    }
    assert.deepEqual(
      names.filter((n) => /\/src\/|\.ts$|\.map$|node_modules/.test(n)),
      [],
    );
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as Manifest;
    assert.ok(files.has(`extension/${manifest.main.replace(/^\.\//, '')}`), 'main points into the package');
    assert.ok(files.has(`extension/${manifest.browser.replace(/^\.\//, '')}`), 'browser (the web extension) points into the package');
  });

  test("carries the code's licence (MIT), apart from the sample image's sources", () => {
    const licence = [...files.entries()].find(([name]) => name.toLowerCase() === 'extension/license.txt')?.[1];
    assert.equal(licence?.toString('utf8'), readFileSync(new URL('../LICENSE', import.meta.url), 'utf8'));
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as { license: string };
    assert.equal(manifest.license, 'MIT');
  });

  test('its contributes match what the bundled code registers on activation', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as Manifest;
    const source = JSON.parse(readFileSync(join(EXTENSION_DIR, 'package.json'), 'utf8')) as Manifest;
    assert.deepEqual(manifest.contributes, source.contributes);

    vscodeMock.mock.reset();
    const module = { exports: {} as { activate?: (context: unknown) => void } };
    const load = new Function('require', 'module', 'exports', files.get('extension/dist/extension.cjs')!.toString('utf8'));
    const require = createRequire(import.meta.url);
    load((id: string) => (id === 'vscode' ? vscodeMock : require(id)), module, module.exports);
    assert.equal(typeof module.exports.activate, 'function');
    module.exports.activate?.({ subscriptions: [], extensionUri: vscodeMock.Uri.file('/ext') });
    assert.deepEqual([...vscodeMock.mock.commands.keys()].sort(), manifest.contributes.commands.map((c) => c.command).sort());
    assert.deepEqual(
      [...vscodeMock.mock.editorProviders.keys()],
      manifest.contributes.customEditors.map((e) => e.viewType),
    );
  });
});
