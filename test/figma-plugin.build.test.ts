/** The Figma plugin as `npm run build` leaves it: what Figma loads from `apps/figma-plugin/dist`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MANIFEST } from '@nst/figma-plugin/manifest';

const dist = new URL('../apps/figma-plugin/dist/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dist), 'utf8');

describe('the built Figma plugin', () => {
  test('manifest: the one in the source, saying Figma only, dynamic page access, no network at all', () => {
    const manifest: unknown = JSON.parse(read('manifest.json'));
    assert.deepEqual(manifest, MANIFEST);
    assert.deepEqual(MANIFEST.editorType, ['figma']);
    assert.equal(MANIFEST.documentAccess, 'dynamic-page');
    assert.deepEqual(MANIFEST.networkAccess.allowedDomains, ['none']);
  });

  test('code.js is the small main thread alone: no tfjs, no modules, nothing newer than ES2017 syntax needs', () => {
    const code = read('code.js');
    assert.ok(code.length < 50_000, `${code.length} bytes`);
    assert.doesNotMatch(code, /\brequire\(|\bimport\(|^import |tensorflow/m);
    assert.doesNotMatch(code, /\?\?|\?\.[a-zA-Z_$]/, 'no ?? or ?. (esbuild lowers them for es2017)');
    assert.match(code, /figma\.showUI\(__html__/);
  });

  test('ui.html is one self-contained page: no external script, style or image', () => {
    const html = read('ui.html');
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http/);
    assert.equal(html.match(/<script>/g)?.length, 1);
    assert.ok(html.length > 1_000_000, `${(html.length / 1e6).toFixed(2)} MB: tfjs, wasm and presets inlined`);
  });

  test('ui.html is kept small: the wasm binaries inlined gzipped, tfjs without layers, converter and data', () => {
    const html = read('ui.html');
    // 3.08 MB before: the binaries as base64 of their raw bytes (981 kB), tfjs-layers, -converter and -data (450 kB).
    assert.ok(html.length < 2_200_000, `${(html.length / 1e6).toFixed(2)} MB`);
    const wasmMagic = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]).toString('base64').slice(0, 8); // "\0asm" version 1
    const gzipMagic = Buffer.from([0x1f, 0x8b, 8]).toString('base64'); // gzip, deflate
    assert.doesNotMatch(html, new RegExp(`"${wasmMagic}`), 'no raw wasm binary inlined');
    assert.equal(html.match(new RegExp(`"${gzipMagic}`, 'g'))?.length, 2, 'the plain and SIMD builds, gzipped');
    assert.doesNotMatch(html, /tfjs-layers|LayersModel|GraphModel/, 'no tfjs-layers or tfjs-converter');
  });
});
