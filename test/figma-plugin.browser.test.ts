/**
 * The built Figma plugin UI (`apps/figma-plugin/dist/ui.html`) in headless Chromium, inside a page
 * that plays Figma's parent window: the UI sits in a sandboxed (null-origin) iframe and talks by
 * `pluginMessage` posts. First the test plays the main thread by hand; then the real main thread
 * (`startPlugin`) on the fake Figma drives the real UI, through the same protocol.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { PANEL_SIZE } from '@nst/figma-plugin/panel-size';
import type { PluginSettings } from '@nst/figma-plugin/protocol';
import { startPlugin } from '@nst/figma-plugin/start-plugin';
import { FakeFigma, type FakeNode } from '@nst/figma-plugin/testing';
import { meanAbsDiff } from '@nst/testing/mean-abs-diff';
import { rgbaPixels } from '@nst/testing/rgba-pixels';
import { chromiumForSuite } from './chromium-for-suite.js';
import { addHero, canvasHtml } from './figma-canvas.js';
import { inView, openUi, placeInPanel, recordStatus } from './figma-ui-harness.js';

const SETTINGS: PluginSettings = {
  styleName: 'The Night Café',
  strength: 0.5,
  size: 64,
  iterations: 6,
  preserveColors: false,
  placement: 'above',
  backend: 'webgpu',
  keepText: true,
  keepVectors: false,
  variations: false,
  variationStyles: [],
  variationStrengths: [],
};

/** The CLI's bundled photo (CC0, see apps/cli/samples): the hero's background. */
const COFFEE = new URL('../apps/cli/samples/coffee.png', import.meta.url).pathname;

/** What a node and its descendants show, to compare before and after. */
const snapshot = (node: FakeNode): unknown =>
  [node, ...node.descendants()].map((n) => ({
    id: n.id,
    ...Object.fromEntries(
      (['name', 'x', 'y', 'width', 'height', 'visible', 'opacity', 'rotation', 'fills', 'strokes', 'effects', 'cornerRadius'] as const).map(
        (k) => [k, structuredClone(n[k])],
      ),
    ),
  }));

/** The choice a job carries when the run has no variations. */
const CHOICE = { styleName: SETTINGS.styleName, strength: SETTINGS.strength };

/** A 64×48 test picture: stripes over a gradient, opaque. */
async function picture(width = 64, height = 48): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor((x + y) / 6) % 2 === 0 ? 1 : 0.5;
      data.set([230 * stripe * (x / width), 200 * stripe, 180 * (y / height), 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

describe('the Figma plugin UI, built, in Chromium', { timeout: 600_000 }, () => {
  const browser = chromiumForSuite();

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
    // The first run times this machine, then says its estimate before the first iteration.
    await frame
      .locator('#status', { hasText: /^Exporting… · (a few seconds|about \d+ (s|min)) on this machine$/ })
      .waitFor({ timeout: 60_000 });
    const input = await picture();
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: input, choice: CHOICE, keptLayers: 0, index: 1, total: 1 });
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
    await frame.locator('#estimate', { hasText: /^(A few seconds|About \d+ (s|min)) on this machine$/ }).waitFor(); // by the Style button, between runs

    // Cancel: a long job stops after the click, and no result comes back.
    await toUi({ type: 'settings', settings: { ...SETTINGS, iterations: 500 } });
    await frame.locator('#run').click();
    await fromUi.next('stylize-selection');
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: input, choice: CHOICE, keptLayers: 0, index: 1, total: 1 });
    await frame.locator('#status', { hasText: /iteration [1-9]\d* of 500 · (a few seconds|about .+) left$/ }).waitFor({ timeout: 120_000 });
    await frame.locator('#cancel').click();
    await fromUi.next('cancel', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(fromUi.messages.filter((m) => m.type === 'result').length, 1, 'no second result');
    await toUi({ type: 'done', placed: 0, skipped: [], cancelled: true });
    assert.equal(await frame.locator('#run').isEnabled(), true);

    // A corrupt export fails that job with a message instead of hanging.
    await frame.locator('#run').click();
    await fromUi.next('stylize-selection');
    await toUi({
      type: 'job',
      nodeId: '1:2',
      name: 'Broken',
      png: new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
      choice: CHOICE,
      keptLayers: 0,
      index: 1,
      total: 1,
    });
    const failed = await fromUi.next('job-failed');
    assert.match(failed.message, /could not be decoded/);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      [...new Set(requests)].sort(),
      ['/', '/ui.html'],
      'the UI fetches nothing over the network (blob: URLs of its own bytes aside)',
    );
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
    await toUi({ type: 'job', nodeId: '1:1', name: 'Hero', png: await picture(), choice: CHOICE, keptLayers: 0, index: 1, total: 1 });
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
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero', 'Hero · The Night Café', 'Badge', 'Badge · The Night Café'],
    );
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
    assert.equal(await frame.locator('#preview').isVisible(), true, 'the last preview stays');
    const style = await placeInPanel(frame, '#run');
    assert.ok(
      inView(style),
      `Style is in view, unscrolled, under the preview in the ${PANEL_SIZE.height} px panel: ${JSON.stringify(style)}`,
    );
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
    await ui
      .locator('#upload')
      .setInputFiles({ name: 'my-texture.png', mimeType: 'image/png', buffer: Buffer.from(await picture(24, 24)) });
    await ui.locator('#styles button[aria-checked="true"] img[alt="my-texture"]').waitFor({ timeout: 10_000 });
    assert.equal(await ui.locator('#styles button').count(), 7);

    await ui.locator('#upload').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await ui.locator('#status.error', { hasText: 'could not be decoded' }).waitFor({ timeout: 10_000 });
    assert.equal(await ui.locator('#styles button').count(), 7, 'a bad file adds no style');

    await ui.locator('#run').click();
    const done = await figma.ui.next('done');
    assert.equal(done.placed, 2);
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Card', 'Card · my-texture', 'Painting', 'Painting · my-texture'],
    );
    assert.equal((figma.storage.get('settings') as { styleName: string }).styleName, 'my-texture');
    await page.close();
  });
  test('end to end, keep text crisp: a frame with a headline, a button and an icon gets a styled copy; its text is live, untouched and above the picture', async () => {
    const page = await browser.context.newPage();
    const figma = new FakeFigma();
    startPlugin(figma);
    const magenta: [number, number, number] = [255, 0, 255]; // a text colour the photo does not have
    const hero = await addHero(figma, COFFEE, { width: 96, height: 60 }, magenta);
    const before = snapshot(hero.frame);
    figma.select(hero.frame);
    await figma.clientStorage.setAsync('settings', { ...SETTINGS, size: 48, iterations: 4, placement: 'beside' });

    const { frame: ui } = await openUi(page, figma);
    await ui.locator('#keep-text:checked').waitFor({ timeout: 30_000 });
    await ui.locator('#backend-info', { hasText: /^Runs on WebGPU/ }).waitFor({ timeout: 60_000 });
    const statuses = await recordStatus(ui);
    await ui.locator('#run').click();
    const done = await figma.ui.next('done');
    assert.ok(
      (await statuses()).some((line) => /3 text layers kept crisp\) · iteration/.test(line)),
      `the progress line says the text is kept crisp: ${JSON.stringify(await statuses())}`,
    );
    assert.deepEqual(done, { type: 'done', placed: 1, skipped: [], cancelled: false });
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero', 'Hero · The Night Café'],
      'no temporary copy left',
    );
    assert.deepEqual(snapshot(hero.frame), before, 'the original is untouched');

    const [job] = figma.ui.all('job');
    const magentaIn = async (png: Uint8Array) => {
      const { data } = await rgbaPixels(png);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === 255 && data[i + 1] === 0 && data[i + 2] === 255) n++;
      return n;
    };
    assert.ok(
      (await magentaIn(await hero.frame.exportAsync({ format: 'PNG', constraint: { type: 'WIDTH', value: 48 } }))) > 20,
      'the fake draws the text',
    );
    assert.equal(await magentaIn(job!.png), 0, 'the text was left out of what was styled');

    const result = figma.page.children[1]!;
    const fill = Array.isArray(result.fills) ? result.fills[0] : undefined;
    assert.ok(fill?.type === 'IMAGE' && fill.imageHash !== null, 'the styled picture is the copy’s fill, under all its children');
    const [exported, styled] = await Promise.all([rgbaPixels(job!.png), rgbaPixels(figma.images.get(fill.imageHash)!)]);
    assert.deepEqual([styled.width, styled.height], [48, 30]);
    assert.ok(meanAbsDiff(exported.data, styled.data) > 3, 'the picture is styled');
    const texts = result.descendants().filter((n) => n.type === 'TEXT');
    const originals = [hero.headline, hero.sub, hero.label];
    assert.deepEqual(
      texts.map((t) => [t.name, t.characters, t.x, t.y, t.width, t.height, t.opacity, t.visible, t.fills]),
      originals.map((t) => [t.name, t.characters, t.x, t.y, t.width, t.height, 1, true, t.fills]),
      'each text layer is live, unchanged, drawn above the fill',
    );
    assert.deepEqual(
      result
        .descendants()
        .filter((n) => n.opacity === 0)
        .map((n) => n.name),
      ['Pill', 'Icon'],
      'the artwork now in the picture no longer covers it',
    );
    await ui.locator('#status', { hasText: 'Styled 1 of 1 layers.' }).waitFor({ timeout: 10_000 });

    // As the canvas shows it: the copy's text, drawn by the browser, is on top of the styled picture.
    const canvas = await browser.context.newPage();
    await canvas.setContent(
      canvasHtml(figma, [
        { node: hero.frame, caption: 'Hero' },
        { node: result, caption: result.name },
      ]),
    );
    const shot = await rgbaPixels(await canvas.locator('#canvas').screenshot());
    const textPixels = (from: number, to: number) => {
      let n = 0;
      for (let y = 0; y < shot.height; y++) {
        for (let x = from; x < to; x++) {
          const i = (y * shot.width + x) * 4;
          if (shot.data[i]! > 200 && shot.data[i + 1]! < 80 && shot.data[i + 2]! > 200) n++;
        }
      }
      return n;
    };
    const copyLeft = 24 + result.x; // the canvas's margin
    assert.ok(
      textPixels(copyLeft, copyLeft + 96) > 30,
      `the copy's text shows over its picture (${textPixels(copyLeft, copyLeft + 96)} px)`,
    );
    await canvas.close();
    figma.undo();
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero'],
      'one undo removes the result',
    );
    await page.close();
  });

  test('end to end, variations: two styles ticked in the UI give two copies in a row, each named after its style', async () => {
    const page = await browser.context.newPage();
    const figma = new FakeFigma();
    startPlugin(figma);
    const card = figma.add({ name: 'Card', x: 0, y: 0, width: 60, height: 40, color: [220, 160, 40] });
    figma.select(card);
    await figma.clientStorage.setAsync('settings', { ...SETTINGS, backend: 'wasm', size: 32, iterations: 2 });
    const { frame: ui } = await openUi(page, figma);
    await ui.locator('#run', { hasText: 'Style' }).waitFor({ timeout: 30_000 });
    await ui.locator('#variations').check();
    await ui.locator('#styles button[data-style="Bricks"]').click();
    await ui.locator('#run', { hasText: 'Style 2 copies' }).waitFor({ timeout: 10_000 });
    assert.equal(await ui.locator('#styles button[aria-checked="true"]').count(), 2);
    await ui.locator('#variation-strengths button', { hasText: 'Strong' }).click();
    await ui.locator('#run', { hasText: 'Style 2 copies' }).waitFor({ timeout: 10_000 });
    await ui.locator('#run').click();
    const done = await figma.ui.next('done');
    assert.equal(done.placed, 2);
    assert.deepEqual(
      figma.ui.all('job').map((j) => [j.choice.styleName, j.choice.strength, j.index, j.total]),
      [
        ['The Night Café', 0.75, 1, 2],
        ['Bricks', 0.75, 2, 2],
      ],
    );
    const copies = figma.page.children.slice(1);
    assert.deepEqual(
      copies.map((n) => [n.name, n.x, n.y]),
      [
        ['Card · The Night Café', 100, 0],
        ['Card · Bricks', 200, 0],
      ],
    );
    const [a, b] = copies.map((n) => (Array.isArray(n.fills) && n.fills[0]?.type === 'IMAGE' ? n.fills[0].imageHash : null));
    assert.ok(a && b && a !== b, 'two different pictures');
    await ui.locator('#status', { hasText: 'Styled 2 of 2 copies.' }).waitFor({ timeout: 10_000 });
    await page.close();
  });
});
