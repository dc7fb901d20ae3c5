/**
 * The built Figma plugin UI (`apps/figma-plugin/dist/ui.html`) in headless Chromium, inside a page
 * that plays Figma's parent window: the UI sits in a sandboxed (null-origin) iframe and talks by
 * `pluginMessage` posts. First the test plays the main thread by hand; then the real main thread
 * (`startPlugin`) on the fake Figma drives the real UI, through the same protocol.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { MainToUi, PluginSettings, UiToMain } from '@nst/figma-plugin/protocol';
import { startPlugin } from '@nst/figma-plugin/start-plugin';
import { FakeFigma } from '@nst/figma-plugin/testing';
import { BYTES_CODEC_SOURCE, fromWire, launchChromium, serve, toWire } from './browser.js';
import { MessageLog } from './message-log.js';
import { meanAbsDiff, rgbaPixels } from './pixels.js';

declare global {
  interface Window {
    /** Set by the harness page: posts a message to the UI iframe. */
    toUi?: (wire: unknown) => void;
  }
}

const UI_HTML = readFileSync(new URL('../apps/figma-plugin/dist/ui.html', import.meta.url), 'utf8');

const HARNESS = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<iframe id="ui" sandbox="allow-scripts" src="/ui.html" style="width:340px;height:640px;border:0"></iframe>
<script>${BYTES_CODEC_SOURCE}
const frame = document.getElementById('ui');
window.addEventListener('message', (event) => {
  if (event.source === frame.contentWindow && event.data && event.data.pluginMessage) window.toMain(toWire(event.data.pluginMessage));
});
window.toUi = (message) => frame.contentWindow.postMessage({ pluginMessage: fromWire(message) }, '*');
</script>`;

const SETTINGS: PluginSettings = {
  styleName: 'The Night Café',
  strength: 0.5,
  size: 64,
  iterations: 6,
  preserveColors: false,
  placement: 'above',
  backend: 'webgpu',
};

/**
 * Loads the UI into the harness. With `figma`, the main thread on that fake Figma is wired to it
 * through the protocol; without, the test plays the main thread with `toUi` and `fromUi`.
 */
async function openUi(page: Page, figma?: FakeFigma) {
  const fromUi = new MessageLog<UiToMain>();
  const toUi = (m: MainToUi) => page.evaluate((wire) => window.toUi?.(wire), toWire(m));
  if (figma !== undefined) {
    fromUi.listen((m) => figma.ui.fromUi(m));
    figma.ui.listen((m) => void toUi(m));
  }
  await page.exposeFunction('toMain', (message: unknown) => fromUi.push(fromWire(message) as UiToMain));
  const { url, server } = await serve({ '/': HARNESS, '/ui.html': UI_HTML });
  page.on('close', () => server.close());
  await page.goto(url);
  await fromUi.next('ready', 30_000);
  return { fromUi, toUi, frame: page.frameLocator('#ui') };
}

/** A 64×48 test picture: stripes over a gradient, opaque. */
async function picture(width = 64, height = 48): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor((x + y) / 6) % 2 === 0 ? 1 : 0.5;
      data.set([230 * stripe * (x / width), 200 * stripe, 180 * (y / height), 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(await sharp(data, { raw: { width, height, channels: 4 } }).png().toBuffer());
}

describe('the Figma plugin UI, built, in Chromium', { timeout: 600_000 }, () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  test('runs a real style transfer on WebGPU with progress, answers with a styled PNG of the same size, and cancels', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith('blob:') && requests.push(new URL(r.url()).pathname));
    const { fromUi, toUi, frame } = await openUi(page);
    await toUi({ type: 'settings', settings: SETTINGS });
    await toUi({ type: 'selection', nodes: [{ id: '1:1', name: 'Hero', width: 320, height: 240 }] });
    await frame.locator('#backend-info', { hasText: /^Runs on WebGPU \(compatibility mode\)/ }).waitFor({ timeout: 60_000 }); // ANGLE's GL ES adapter (browser.ts), not the 5× slower SwiftShader
    assert.equal(await frame.locator('#styles button').count(), 5, 'the five presets');
    assert.equal(await frame.locator('#styles button[aria-checked="true"] img').getAttribute('alt'), 'The Night Café');

    await frame.locator('#run').click();
    const request = await fromUi.next('stylize-selection');
    assert.deepEqual(request.settings, SETTINGS);
    const input = await picture();
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: input, index: 1, total: 1 });
    await frame.locator('#status', { hasText: /iteration \d+ of 6/ }).waitFor({ timeout: 120_000 });
    assert.equal(await frame.locator('#progress').isVisible(), true);
    const result = await fromUi.next('result');
    assert.equal(result.nodeId, '1:1');
    const [before, after] = await Promise.all([rgbaPixels(input), rgbaPixels(result.png)]);
    assert.deepEqual([after.width, after.height], [64, 48]);
    const diff = meanAbsDiff(before.data, after.data);
    assert.ok(diff > 3, `the result differs from the input (mean |Δ| = ${diff.toFixed(2)})`);
    await toUi({ type: 'done', placed: 1, skipped: [], cancelled: false });
    await frame.locator('#status', { hasText: 'Styled 1 of 1 layers.' }).waitFor();

    // Cancel: a long job stops after the click, and no result comes back.
    await toUi({ type: 'settings', settings: { ...SETTINGS, iterations: 500 } });
    await frame.locator('#run').click();
    await fromUi.next('stylize-selection');
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: input, index: 1, total: 1 });
    await frame.locator('#status', { hasText: /iteration [1-9]\d* of 500/ }).waitFor({ timeout: 120_000 });
    await frame.locator('#cancel').click();
    await fromUi.next('cancel', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(fromUi.messages.filter((m) => m.type === 'result').length, 1, 'no second result');
    await toUi({ type: 'done', placed: 0, skipped: [], cancelled: true });
    assert.equal(await frame.locator('#run').isEnabled(), true);

    // A corrupt export fails that job with a message instead of hanging.
    await frame.locator('#run').click();
    await fromUi.next('stylize-selection');
    await toUi({ type: 'job', nodeId: '1:2', name: 'Broken', png: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), index: 1, total: 1 });
    const failed = await fromUi.next('job-failed');
    assert.match(failed.message, /could not be decoded/);
    assert.deepEqual(errors, []);
    assert.deepEqual([...new Set(requests)].sort(), ['/', '/ui.html'], 'the UI fetches nothing over the network (blob: URLs of its own bytes aside)');
    await page.close();
  });

  test('falls back to WebAssembly from the binaries inlined in ui.html', async () => {
    const page = await browser.context.newPage();
    const { fromUi, toUi, frame } = await openUi(page);
    await toUi({ type: 'settings', settings: { ...SETTINGS, backend: 'wasm', iterations: 3 } });
    await toUi({ type: 'selection', nodes: [{ id: '1:1', name: 'Hero', width: 64, height: 48 }] });
    await frame.locator('#backend-info', { hasText: 'Runs on WebAssembly' }).waitFor({ timeout: 30_000 });
    await frame.locator('#run').click();
    await fromUi.next('stylize-selection');
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: await picture(), index: 1, total: 1 });
    const result = await fromUi.next('result');
    assert.deepEqual((await rgbaPixels(result.png)).width, 64);
    await page.close();
  });

  test('end to end: the main thread on the fake Figma and the real UI style two selected frames', async () => {
    const page = await browser.context.newPage();
    const figma = new FakeFigma();
    startPlugin(figma);
    const hero = figma.add({ name: 'Hero', x: 0, y: 0, width: 160, height: 120, color: [220, 160, 40] });
    const badge = figma.add({ name: 'Badge', x: 200, y: 0, width: 80, height: 80, color: [40, 90, 220], transparent: true });
    figma.select(hero, badge);
    await figma.clientStorage.setAsync('settings', { ...SETTINGS, size: 48, iterations: 4 });

    const { frame } = await openUi(page, figma);
    await frame.locator('#run', { hasText: 'Style 2 layers' }).waitFor({ timeout: 30_000 });
    await frame.locator('#backend-info', { hasText: /^Runs on WebGPU/ }).waitFor({ timeout: 60_000 });
    await frame.locator('#run').click();
    const done = await figma.ui.next('done');
    assert.deepEqual(done, { type: 'done', placed: 2, skipped: [], cancelled: false });
    assert.deepEqual(figma.page.children.map((n) => n.name), ['Hero', 'Hero · The Night Café', 'Badge', 'Badge · The Night Café']);
    assert.equal(figma.checkpoints.length, 2);

    const jobs = figma.ui.all('job');
    for (const [i, job] of jobs.entries()) {
      const result = figma.page.children[2 * i + 1];
      const fill = Array.isArray(result?.fills) ? result.fills[0] : undefined;
      assert.ok(fill?.type === 'IMAGE' && fill.imageHash !== null);
      const [exported, styled] = await Promise.all([rgbaPixels(job.png), rgbaPixels(figma.images.get(fill.imageHash)!)]);
      assert.deepEqual([styled.width, styled.height], [exported.width, exported.height]);
      assert.ok(meanAbsDiff(exported.data, styled.data) > 3, `${job.name} was styled`);
      if (job.name === 'Badge') {
        const alphaOf = (img: Awaited<ReturnType<typeof rgbaPixels>>, x: number, y: number) => img.data[(y * img.width + x) * 4 + 3];
        assert.deepEqual([alphaOf(styled, 0, 0), alphaOf(styled, 24, 24)], [0, 255], 'transparent corners stay transparent');
      }
    }
    await frame.locator('#status', { hasText: 'Styled 2 of 2 layers.' }).waitFor({ timeout: 10_000 });
    await page.close();
  });

  test('style sources: the selected layer’s image fill and an uploaded file become styles the run uses', async () => {
    const page = await browser.context.newPage();
    const figma = new FakeFigma();
    startPlugin(figma);
    const painting = figma.addImage(await picture(40, 40));
    const frame = figma.add({ name: 'Card', width: 60, height: 40 });
    figma.add({ name: 'Painting', width: 40, height: 40, fills: [{ type: 'IMAGE', imageHash: painting, scaleMode: 'FILL' }] });
    figma.select(frame, figma.page.children[1]!);
    await figma.clientStorage.setAsync('settings', { ...SETTINGS, backend: 'wasm', size: 32, iterations: 2 });

    const { frame: ui } = await openUi(page, figma);
    await ui.locator('#run', { hasText: 'Style 2 layers' }).waitFor({ timeout: 30_000 });

    await ui.locator('#use-selected').click();
    await ui.locator('#styles button[aria-checked="true"] img[alt="Painting"]').waitFor({ timeout: 10_000 });
    await ui.locator('#upload').setInputFiles({ name: 'my-texture.png', mimeType: 'image/png', buffer: Buffer.from(await picture(24, 24)) });
    await ui.locator('#styles button[aria-checked="true"] img[alt="my-texture"]').waitFor({ timeout: 10_000 });
    assert.equal(await ui.locator('#styles button').count(), 7);

    await ui.locator('#upload').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await ui.locator('#status.error', { hasText: 'could not be decoded' }).waitFor({ timeout: 10_000 });
    assert.equal(await ui.locator('#styles button').count(), 7, 'a bad file adds no style');

    await ui.locator('#run').click();
    const done = await figma.ui.next('done');
    assert.equal(done.placed, 2);
    assert.deepEqual(figma.page.children.map((n) => n.name), ['Card', 'Card · my-texture', 'Painting', 'Painting · my-texture']);
    assert.equal((figma.storage.get('settings') as { styleName: string }).styleName, 'my-texture');
    await page.close();
  });
});
