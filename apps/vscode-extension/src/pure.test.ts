import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readPreviewSettings } from './preview-settings.js';
import { freeFileName, resultFileName } from './save-path.js';
import { webviewHtml } from './webview-html.js';

describe('resultFileName and freeFileName', () => {
  test('<content>.<style>.png with both stems made safe', () => {
    assert.equal(resultFileName('cat.jpg', 'night-cafe.png'), 'cat.night-cafe.png');
    assert.equal(resultFileName('My photo (1).JPEG', 'Café Terrace!.webp'), 'My-photo-1.Café-Terrace.png');
    assert.equal(resultFileName('.jpg', '???.png'), 'image.image.png');
  });

  test('adds (2), (3)… before the extension until a name is free', async () => {
    const taken = new Set(['a.b.png', 'a.b (2).png']);
    assert.equal(await freeFileName('a.b.png', async (n) => taken.has(n)), 'a.b (3).png');
    assert.equal(await freeFileName('free.png', async (n) => taken.has(n)), 'free.png');
  });
});

describe('readPreviewSettings', () => {
  test('keeps valid values and defaults the rest', () => {
    const values: Record<string, unknown> = { size: 512, iterations: 0, strength: 0.9, preserveColors: true, backend: 'cuda' };
    assert.deepEqual(
      readPreviewSettings((k) => values[k]),
      { size: 512, iterations: 60, strength: 0.9, preserveColors: true, backend: 'auto' },
    );
  });
});

describe('webviewHtml', () => {
  const page = {
    mode: 'preview',
    title: 'Style Preview: <a>.png',
    cspSource: 'https://cdn',
    nonce: 'abc123',
    scriptUri: 'https://cdn/index.js',
    styleUri: 'https://cdn/index.css',
    wasmPath: 'https://cdn/',
    allowWasm: false,
  } as const;

  test('a CSP that allows only the nonce’d script and the extension’s own resources', () => {
    const html = webviewHtml(page);
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.equal(
      csp,
      "default-src 'none'; img-src https://cdn blob: data:; style-src https://cdn; script-src 'nonce-abc123'; connect-src https://cdn",
    );
    assert.match(html, /<script nonce="abc123" src="https:\/\/cdn\/index.js"><\/script>/);
    assert.match(html, /<title>Style Preview: &lt;a&gt;.png<\/title>/);
    assert.match(
      webviewHtml({ ...page, allowWasm: true }),
      /script-src 'nonce-abc123' 'wasm-unsafe-eval'; connect-src https:\/\/cdn; worker-src blob:"/,
    );
  });
});
