/** The Figma plugin as `npm run build` leaves it: what Figma loads from `apps/figma-plugin/dist`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { MANIFEST } from '@nst/figma-plugin/manifest';
import { DATA_URL_ENCODINGS, MAX_URL_CHARS, URL_MARGIN_CHARS, uiDataUrlLengths } from '@nst/figma-plugin/ui-data-url';

const dist = new URL('../apps/figma-plugin/dist/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dist), 'utf8');

/** ui.html's packed script (src/ui/packed-script.ts), inflated: the script the panel runs. */
function unpackedScript(html: string): string {
  const block = /<script type="application\/gzip" id="packed-ui-script">\s*([A-Za-z0-9+/=]+)\s*<\/script>/.exec(html);
  assert.ok(block?.[1] !== undefined, 'ui.html has its packed script');
  return gunzipSync(Buffer.from(block[1], 'base64')).toString('utf8');
}

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

  test('ui.html is one self-contained page: no external script, style or image; its script packed, and a loader', () => {
    const html = read('ui.html');
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http/);
    assert.equal(html.match(/<script/g)?.length, 2, 'the packed script and its loader');
    assert.equal(html.match(/<script>/g)?.length, 1, 'one script runs as the page loads: the loader');
    const script = unpackedScript(html);
    assert.ok(script.length > 1_500_000, `${(script.length / 1e6).toFixed(2)} MB: tfjs, wasm and presets inlined`);
    assert.ok(/pluginMessage/.test(script), 'the UI itself, which talks to the main thread');
  });

  test('ui.html fits in a data: URL as Figma loads it, in every encoding, with room to spare', () => {
    const html = read('ui.html');
    const lengths = uiDataUrlLengths(html);
    for (const encoding of DATA_URL_ENCODINGS) {
      const length = lengths[encoding];
      assert.ok(
        length <= MAX_URL_CHARS - URL_MARGIN_CHARS,
        `${encoding}: ${length} characters, limit ${MAX_URL_CHARS} less ${URL_MARGIN_CHARS}`,
      );
    }
    // 2.12 MB raw before the script was packed: 2.83 MB as base64, 2.91 MB percent-encoded.
    assert.ok(html.length < 1_300_000, `${(html.length / 1e6).toFixed(2)} MB`);
  });

  test('ui.html is kept small: the wasm binaries inlined gzipped, tfjs without layers, converter, data or threaded wasm', () => {
    const script = unpackedScript(read('ui.html'));
    const wasmMagic = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]).toString('base64').slice(0, 8); // "\0asm" version 1
    const gzipMagic = Buffer.from([0x1f, 0x8b, 8]).toString('base64'); // gzip, deflate
    assert.ok(!new RegExp(`"${wasmMagic}`).test(script), 'no raw wasm binary inlined');
    assert.equal(script.match(new RegExp(`"${gzipMagic}`, 'g'))?.length, 2, 'the plain and SIMD builds, gzipped');
    assert.ok(!/tfjs-layers|LayersModel|GraphModel/.test(script), 'no tfjs-layers or tfjs-converter');
    assert.ok(!/GROWABLE_HEAP/.test(script), "no threaded wasm glue (tfjs's threads are off)");
    assert.ok(/threaded wasm is not in this build/.test(script), 'its stub, which says why');
  });
});
