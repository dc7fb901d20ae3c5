/**
 * The built Figma plugin UI under the kind of nesting and policy Figma gives it: an opaque-origin
 * document in a sandboxed iframe, inside a page that serves a restrictive Content-Security-Policy
 * (Figma's own directives are not public, so each restriction that could stop the UI is tried in
 * turn). Each run either styles the layer or says, in the panel, why not and what runs instead.
 *
 * The UI is loaded as Figma loads it: the built ui.html as a `data:` URL (in the encoding that
 * makes it longest, see the plugin's ui-data-url.ts), the `src` of the sandboxed iframe, whose
 * document inherits the page's policy as Figma's `data:` page inherits its outer frame's. Chromium
 * refuses to navigate a frame to a URL longer than `MAX_URL_CHARS`: the first test checks that
 * limit itself.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { PluginSettings, UiToMain } from '@nst/figma-plugin/protocol';
import { MAX_URL_CHARS } from '@nst/figma-plugin/ui-data-url';
import { serve } from './browser.js';
import { chromiumForSuite } from './chromium-for-suite.js';
import { openUi, policy, UI_DATA_URL } from './figma-ui-harness.js';

const SETTINGS: PluginSettings = {
  styleName: 'The Night Café',
  strength: 0.5,
  size: 64,
  iterations: 3,
  preserveColors: false,
  placement: 'above',
  backend: 'auto',
  keepText: false,
  keepVectors: false,
  variations: false,
  variationStyles: [],
  variationStrengths: [],
};

/** A `width`×`height` test picture (64×48 by default), opaque. */
async function picture(width = 64, height = 48): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i % width) * 4, 200 * (Math.floor(i / width / 6) % 2), 120, 255], i * 4);
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

/**
 * One layer styled on `backend` by the UI under `csp`: what came back, what the panel says, and
 * how many Web Workers the page started. `size`: a larger layer (its stages then run in tiles).
 */
async function styleUnder(page: Page, csp: string, backend: PluginSettings['backend'], size = { width: 64, height: 48 }) {
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  let workers = 0;
  page.on('worker', () => workers++);
  const { fromUi, toUi, frame } = await openUi(page, undefined, csp);
  const { width, height } = size;
  await toUi({ type: 'settings', settings: { ...SETTINGS, size: Math.max(width, height), backend } });
  await toUi({ type: 'selection', nodes: [{ id: '1:1', name: 'Hero', width, height }] });
  await frame.locator('#backend-info:not(:text-is("Starting…"))').waitFor({ timeout: 120_000 });
  await frame.locator('#run').click();
  await fromUi.next('stylize-selection', 30_000);
  const choice = { styleName: SETTINGS.styleName, strength: SETTINGS.strength };
  await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: await picture(width, height), choice, keptLayers: 0, index: 1, total: 1 });
  const answer: UiToMain = await Promise.race([fromUi.next('result', 240_000), fromUi.next('job-failed', 240_000)]);
  const panel = {
    backend: (await frame.locator('#backend-info').textContent()) ?? '',
    title: (await frame.locator('#backend-info').getAttribute('title')) ?? '',
    status: (await frame.locator('#status').textContent()) ?? '',
  };
  await page.close();
  return { answer, panel, violations, workers };
}

const styled = async (answer: UiToMain) => {
  assert.equal(answer.type, 'result', JSON.stringify(answer));
  if (answer.type !== 'result') return;
  const meta = await sharp(answer.png).metadata();
  assert.deepEqual([meta.width, meta.height], [64, 48]);
};

/**
 * Where a sandboxed iframe of the page (under `BASE_POLICY`) ends up when its `src` is a `data:`
 * URL of `length` characters: the URL's own page, or about:blank#blocked when Chromium refuses it.
 */
async function frameLandsOn(page: Page, length: number): Promise<string> {
  const head = 'data:text/html,';
  const url = `${head}${'A'.repeat(length - head.length)}`; // letters only: nothing for Chromium to escape
  const { url: at, server } = await serve({ '/': '<!doctype html><body>' }, { 'content-security-policy': policy() });
  try {
    await page.goto(at);
    await page.evaluate(async (src) => {
      const frame = document.createElement('iframe');
      frame.sandbox.add('allow-scripts');
      frame.src = src;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }, url);
    const frame = page.frames()[1];
    return frame === undefined ? 'no frame' : frame.url() === url ? 'the page' : frame.url();
  } finally {
    server.close();
  }
}

describe('the Figma plugin UI under a restrictive CSP, as a data: URL in a sandboxed iframe', { timeout: 900_000 }, () => {
  const browser = chromiumForSuite();

  test(`Chromium loads a data: URL of MAX_URL_CHARS (${MAX_URL_CHARS}) characters and refuses one more; the UI's is well under`, async () => {
    const page = await browser.context.newPage();
    assert.equal(await frameLandsOn(page, MAX_URL_CHARS), 'the page');
    assert.equal(await frameLandsOn(page, MAX_URL_CHARS + 1), 'about:blank#blocked');
    await page.close();
    assert.ok(UI_DATA_URL.length < MAX_URL_CHARS, `${UI_DATA_URL.length} characters`);
  });

  test("without 'unsafe-eval': Automatic styles without WebGPU, which a data: page lacks, and says why; WebGL and the inlined wasm when asked", async () => {
    const auto = await styleUnder(await browser.context.newPage(), policy(), 'auto');
    await styled(auto.answer);
    // WebGL where the GPU is real; this machine's is software, which Automatic passes over.
    assert.match(auto.panel.backend, /^Runs on (WebGL|WebAssembly)/);
    assert.match(auto.panel.title, /^webgpu: .*not a secure context/m, 'why not WebGPU: a data: page is not a secure context');
    const webgl = await styleUnder(await browser.context.newPage(), policy(), 'webgl');
    await styled(webgl.answer);
    assert.match(webgl.panel.backend, /^Runs on WebGL/);
    const wasm = await styleUnder(await browser.context.newPage(), policy(), 'wasm');
    await styled(wasm.answer);
    assert.match(wasm.panel.backend, /^Runs on WebAssembly/);
    assert.deepEqual([...auto.violations, ...webgl.violations, ...wasm.violations], [], 'nothing the UI does needs eval');
  });

  test("without 'wasm-unsafe-eval': wasm cannot compile and the panel says why; Automatic styles on what is left", async () => {
    const csp = policy({ 'script-src': "'unsafe-inline'" });
    const wasm = await styleUnder(await browser.context.newPage(), csp, 'wasm');
    assert.equal(wasm.answer.type, 'job-failed');
    assert.match(wasm.panel.backend, /wasm-unsafe-eval/, 'the panel names what the policy lacks');
    const auto = await styleUnder(await browser.context.newPage(), csp, 'auto');
    await styled(auto.answer);
    // WebGL where the GPU is real; here the CPU (no WebGPU in a data: page, a software WebGL passed over).
    assert.match(auto.panel.backend, /^Runs on (WebGL|CPU)/);
    assert.match(auto.panel.title, /^wasm: .*wasm-unsafe-eval/m, 'why not wasm, in the line’s tooltip');
  });

  test('with connect-src lacking blob: the inlined wasm still loads (answered from memory) and styles', async () => {
    const wasm = await styleUnder(await browser.context.newPage(), policy({ 'connect-src': "'none'" }), 'wasm');
    await styled(wasm.answer);
    assert.match(wasm.panel.backend, /^Runs on WebAssembly/);
    assert.deepEqual(wasm.violations, []);
  });

  test('on wasm the tiles run on Web Workers where the policy allows blob: workers, in the page where it does not, with the same result', async () => {
    const size = { width: 320, height: 200 }; // its last stage is 2 tiles of 256 px
    const pooled = await styleUnder(await browser.context.newPage(), policy(), 'wasm', size);
    const inPage = await styleUnder(await browser.context.newPage(), policy({ 'worker-src': "'none'" }), 'wasm', size);
    assert.equal(pooled.answer.type, 'result', JSON.stringify(pooled.answer));
    assert.equal(inPage.answer.type, 'result', JSON.stringify(inPage.answer));
    if (pooled.answer.type !== 'result' || inPage.answer.type !== 'result') return;
    assert.match(pooled.panel.backend, /^Runs on WebAssembly, \d+ workers$/);
    assert.ok(pooled.workers >= 3, `a probe and a pool of at least 2 started (${pooled.workers} workers)`);
    assert.deepEqual(pooled.violations, []);
    assert.equal(inPage.panel.backend, "Runs on WebAssembly, in this page (workers blocked by the page's policy)");
    assert.equal(inPage.workers, 0, 'no worker ran');
    const [a, b] = await Promise.all([inPage.answer.png, pooled.answer.png].map((png) => sharp(png).raw().toBuffer()));
    assert.ok(a !== undefined && b !== undefined);
    assert.equal(a.length, 320 * 200 * 4);
    const differ = a.reduce((n, v, i) => n + (Math.abs(v - b[i]!) > 1 ? 1 : 0), 0);
    assert.equal(differ, 0, 'the same picture, to a level of 8-bit rounding');
  });
});
