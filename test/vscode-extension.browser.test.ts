/**
 * The built Style Preview webview (`apps/vscode-extension/dist/webview`) in headless Chromium,
 * under the CSP the extension sets, with a stub `acquireVsCodeApi` playing VS Code: it draws the
 * style fingerprint, styles the sample on WebGPU, saves through the protocol, shows errors instead
 * of a blank panel, keeps its controls in `setState`, and compares styles on wasm.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { HostToWebview, PreviewSettings, WebviewToHost } from 'nst-style-preview/protocol';
import { parseWebviewMessage } from 'nst-style-preview/protocol';
import { webviewHtml } from 'nst-style-preview/webview-html';
import { meanAbsDiff } from '@nst/testing/mean-abs-diff';
import { MessageLog } from '@nst/testing/message-log';
import { rgbaPixels } from '@nst/testing/rgba-pixels';
import { BYTES_CODEC_SOURCE, fromWire, serve, toWire } from './browser.js';
import { chromiumForSuite } from './chromium-for-suite.js';
import { assertDistanceTable, assertFingerprintDrawn, readDistances } from './style-preview-page.js';

declare global {
  interface Window {
    toWebview?: (wire: unknown) => void;
    nstState?: unknown;
  }
}

const EXTENSION = new URL('../apps/vscode-extension/', import.meta.url);
const ASSETS = Object.fromEntries(
  readdirSync(new URL('dist/webview/', EXTENSION)).map((f) => [
    `/${f}`,
    new Uint8Array(readFileSync(new URL(`dist/webview/${f}`, EXTENSION))),
  ]),
);
const SAMPLE = new Uint8Array(readFileSync(new URL('media/sample-content.jpg', EXTENSION)));
const NIGHT_CAFE = new Uint8Array(readFileSync(new URL('../apps/figma-plugin/presets/van-gogh-night-cafe.jpg', import.meta.url)));

const SETTINGS: PreviewSettings = { size: 64, iterations: 5, strength: 0.5, preserveColors: false, backend: 'webgpu' };

/** Opens the webview page in `mode`, with VS Code's API stubbed; returns what it posts and a way to post to it. */
async function openWebview(page: Page, mode: 'preview' | 'compare', backend: PreviewSettings['backend'], state?: unknown) {
  const posted = new MessageLog<WebviewToHost>();
  const raw: unknown[] = [];
  await page.exposeFunction('toHost', (wire: unknown) => {
    const message = fromWire(wire);
    raw.push(message);
    try {
      posted.push(parseWebviewMessage(message));
    } catch {
      // kept in raw: the test asserts every message follows the protocol
    }
  });
  await page.addInitScript(
    `${BYTES_CODEC_SOURCE}
     let state = ${JSON.stringify(state ?? null)} ?? undefined;
     window.acquireVsCodeApi = () => ({
       postMessage: (m) => window.toHost(toWire(m)),
       getState: () => state,
       setState: (s) => { state = s; window.nstState = s; },
     });
     window.toWebview = (wire) => window.postMessage(fromWire(wire), '*');`,
  );
  const files: Record<string, string | Uint8Array> = { ...ASSETS };
  const { url, server } = await serve(files);
  files['/'] = webviewHtml({
    mode,
    title: 'Style Preview',
    cspSource: url,
    nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
    scriptUri: `${url}/index.js`,
    styleUri: `${url}/index.css`,
    wasmPath: `${url}/`,
    allowWasm: backend === 'auto' || backend === 'wasm',
  });
  page.on('close', () => server.close());
  const violations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
  page.on('pageerror', (e) => violations.push(e.message));
  await page.goto(url);
  const send = (message: HostToWebview) => page.evaluate((wire) => window.toWebview?.(wire), toWire(message));
  const next = <T extends WebviewToHost['type']>(type: T, timeoutMs?: number) => posted.next(type, timeoutMs);
  await next('ready', 30_000);
  return { send, next, raw, violations };
}

describe('the Style Preview webview, built, in Chromium', { timeout: 600_000 }, () => {
  const browser = chromiumForSuite();

  test('draws the fingerprint, styles the sample on WebGPU under the strict CSP, and saves through the protocol', async () => {
    const page = await browser.context.newPage();
    const webview = await openWebview(page, 'preview', 'webgpu');
    await webview.send({
      type: 'preview',
      style: { name: 'night-cafe.jpg', bytes: NIGHT_CAFE },
      content: { name: 'sample-content.jpg', bytes: SAMPLE },
      settings: SETTINGS,
      canSave: true,
    });
    await page.locator('#backend', { hasText: /^Runs on WebGPU/ }).waitFor({ timeout: 60_000 });
    await assertFingerprintDrawn(page);

    await page.locator('#status', { hasText: /^Done in/ }).waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('#save').isEnabled(), true);
    await page.locator('#save').click();
    const save = await webview.next('save');
    const [result, content] = await Promise.all([
      rgbaPixels(save.png),
      rgbaPixels(await sharp(SAMPLE).resize(64, 43, { fit: 'fill' }).png().toBuffer()),
    ]);
    assert.deepEqual([result.width, result.height], [64, 43]);
    const diff = meanAbsDiff(result.data, content.data);
    assert.ok(diff > 3, `the result differs from the content (mean |Δ| = ${diff.toFixed(2)})`);
    await webview.send({ type: 'saved', path: '/work/sample-content.night-cafe.png' });
    await page.locator('#status', { hasText: 'Saved to /work/sample-content.night-cafe.png' }).waitFor();

    for (const m of webview.raw) assert.doesNotThrow(() => parseWebviewMessage(m), 'every message follows the protocol');
    assert.deepEqual(webview.violations, [], 'no CSP violation or page error');
    await page.close();
  });

  test('read-only when untrusted, controls kept in setState, and a corrupt image shows an error instead of a blank panel', async () => {
    let page = await browser.context.newPage();
    let webview = await openWebview(page, 'preview', 'wasm');
    const settings = { ...SETTINGS, backend: 'wasm', iterations: 2 } as const;
    await webview.send({
      type: 'preview',
      style: { name: 'night-cafe.jpg', bytes: NIGHT_CAFE },
      content: { name: 'sample-content.jpg', bytes: SAMPLE },
      settings,
      canSave: false,
    });
    await page.locator('#status', { hasText: /^Done in/ }).waitFor({ timeout: 120_000 });
    assert.match((await page.locator('#backend').textContent()) ?? '', /^Runs on WebAssembly, (\d+ workers|in this page \(one core\))$/);
    assert.equal(await page.locator('#save').isDisabled(), true, 'no saving in an untrusted workspace');
    await page.locator('#iterations').fill('1000');
    await page.locator('#apply').click();
    await page.locator('#status', { hasText: /^Iteration \d+ of 1000/ }).waitFor({ timeout: 30_000 });
    await page.locator('#cancel').click();
    await page.locator('#status', { hasText: 'Cancelled.' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#cancel').isHidden(), true);
    await page.locator('#iterations').fill('2');
    await page.locator('#strength').fill('0.8');
    await page.locator('#strength').dispatchEvent('change');
    const state = await page.evaluate(() => window.nstState);
    assert.deepEqual(state, { controls: { ...settings, strength: 0.8 } });
    await page.close();

    page = await browser.context.newPage();
    webview = await openWebview(page, 'preview', 'wasm', state);
    await webview.send({
      type: 'preview',
      style: { name: 'broken.png', bytes: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0]) },
      content: { name: 'sample-content.jpg', bytes: SAMPLE },
      settings,
      canSave: true,
    });
    await page.locator('#error', { hasText: 'The style image “broken.png” could not be decoded' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#strength').inputValue(), '0.8', 'the controls come back from getState');
    assert.deepEqual(
      await page.locator('section').evaluateAll((sections) => sections.map((s) => s.checkVisibility())),
      [false, false],
      'only the error is left, no empty sections',
    );
    assert.equal(await page.locator('#backend').textContent(), '', 'no "Starting…" left behind');
    assert.deepEqual(webview.violations, []);
    await page.close();
  });

  test("bytes that arrive as a JSON'd Node Buffer are named as such, not as an image that cannot be decoded", async () => {
    const page = await browser.context.newPage();
    const webview = await openWebview(page, 'preview', 'wasm');
    const buffer = { type: 'Buffer', data: [...NIGHT_CAFE.subarray(0, 16)] };
    await page.evaluate((message) => window.postMessage(message, '*'), {
      type: 'preview',
      style: { name: 'night-cafe.jpg', bytes: buffer },
      content: { name: 'sample-content.jpg', bytes: buffer },
      settings: SETTINGS,
      canSave: true,
    });
    await page
      .locator('#error', { hasText: 'The style image “night-cafe.jpg” arrived as a Node Buffer turned into JSON' })
      .waitFor({ timeout: 10_000 });
    assert.equal(
      await page
        .locator('#error')
        .textContent()
        .then((t) => t?.includes('could not be decoded')),
      false,
    );
    assert.deepEqual(webview.violations, []);
    await page.close();
  });

  test('a photo over 4096 px is previewed scaled down, not refused', async () => {
    const page = await browser.context.newPage();
    const webview = await openWebview(page, 'preview', 'wasm');
    const wide = new Uint8Array(
      await sharp({ create: { width: 4400, height: 300, channels: 3, background: '#c84' } })
        .png()
        .toBuffer(),
    );
    await webview.send({
      type: 'preview',
      style: { name: 'panorama.png', bytes: wide },
      content: { name: 'panorama.png', bytes: wide },
      settings: { ...SETTINGS, backend: 'wasm', iterations: 1 },
      canSave: true,
    });
    await page.locator('#status', { hasText: /^Done in/ }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('#error').isHidden(), true, (await page.locator('#error').textContent()) ?? '');
    assert.equal(await page.locator('.heatmap').count(), 2);
    assert.deepEqual(
      await page.locator('#content').evaluate((c: HTMLCanvasElement) => [c.width, c.height]),
      [2048, 140],
      'decoded within the largest preview size',
    );
    assert.deepEqual(webview.violations, []);
    await page.close();
  });

  test("on wasm the preview's tiles run on Web Workers under the extension's CSP, and the panel says so", async () => {
    const page = await browser.context.newPage();
    let workers = 0;
    page.on('worker', () => workers++);
    const webview = await openWebview(page, 'preview', 'wasm');
    await webview.send({
      type: 'preview',
      style: { name: 'night-cafe.jpg', bytes: NIGHT_CAFE },
      content: { name: 'sample-content.jpg', bytes: SAMPLE },
      // 320 px: the last stage is 2 tiles of 256 px
      settings: { ...SETTINGS, size: 320, iterations: 3, backend: 'wasm' },
      canSave: false,
    });
    await page.locator('#backend', { hasText: /^Runs on WebAssembly, \d+ workers$/ }).waitFor({ timeout: 60_000 });
    await page.locator('#status', { hasText: /^Done in/ }).waitFor({ timeout: 240_000 });
    assert.ok(workers >= 3, `a probe and a pool of at least 2 started (${workers} workers)`);
    assert.deepEqual(webview.violations, [], 'no CSP violation or page error');
    await page.close();
  });

  test('Compare Styles: a symmetric table of style distances, on wasm', async () => {
    const page = await browser.context.newPage();
    const webview = await openWebview(page, 'compare', 'wasm');
    const stripes = async (period: number, phase: number) => {
      const data = Buffer.alloc(64 * 64 * 4);
      for (let i = 0; i < 64 * 64; i++)
        data.set(Math.floor(((i % 64) + phase) / period) % 2 === 0 ? [230, 200, 40, 255] : [20, 30, 120, 255], i * 4);
      return new Uint8Array(
        await sharp(data, { raw: { width: 64, height: 64, channels: 4 } })
          .png()
          .toBuffer(),
      );
    };
    const images = [
      { name: 'stripes-a.png', bytes: await stripes(4, 0) },
      { name: 'stripes-b.png', bytes: await stripes(4, 2) },
      { name: 'night-cafe.jpg', bytes: NIGHT_CAFE },
    ];
    await webview.send({ type: 'compare', images, settings: { ...SETTINGS, backend: 'wasm' } });
    await page.locator('#distances').waitFor({ timeout: 120_000 });
    const { values, nearest } = await readDistances(page);
    assertDistanceTable(values, 3);
    assert.equal(nearest[0], 'stripes-b.png');
    assert.deepEqual(webview.violations, []);
    await page.close();
  });
});
