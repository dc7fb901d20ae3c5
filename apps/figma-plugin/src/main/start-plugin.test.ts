import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodePng, imageSize } from '@nst/testing/png';
import type { PluginSettings } from '../protocol.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { FakeFigma, type FakeNode } from '../testing/fake-figma.js';
import { startWithUi, styledPng } from '../testing/plugin-with-ui.js';
import { SETTINGS_KEY } from './start-plugin.js';

const settings = (overrides: Partial<PluginSettings> = {}): PluginSettings => ({ ...DEFAULT_SETTINGS, size: 64, ...overrides });

async function run(figma: FakeFigma, overrides: Partial<PluginSettings> = {}) {
  figma.ui.fromUi({ type: 'stylize-selection', settings: settings(overrides) });
  return figma.ui.next('done');
}

const imageFill = (node: FakeNode) => {
  const fills = node.fills;
  assert.ok(Array.isArray(fills));
  const [paint] = fills;
  assert.equal(paint?.type, 'IMAGE');
  return paint;
};

describe('the plugin main thread', () => {
  test('answers ready with the stored settings (defaults for junk) and the selection', async () => {
    const figma = startWithUi();
    const hero = figma.add({ name: 'Hero', width: 300, height: 200 });
    figma.select(hero);
    figma.ui.fromUi({ type: 'ready' });
    assert.deepEqual((await figma.ui.next('settings')).settings, DEFAULT_SETTINGS);
    assert.deepEqual(figma.ui.all('selection').at(-1)?.nodes, [{ id: hero.id, name: 'Hero', width: 300, height: 200 }]);

    await figma.clientStorage.setAsync(SETTINGS_KEY, { ...settings({ strength: 0.9 }), placement: 'under' });
    figma.ui.fromUi({ type: 'ready' });
    assert.deepEqual((await figma.ui.next('settings')).settings, settings({ strength: 0.9 }));
  });

  test('remembers the settings the UI saves, cleaned of anything out of range', async () => {
    const figma = startWithUi();
    figma.ui.fromUi({ type: 'save-settings', settings: { ...settings({ placement: 'beside' }), iterations: -3 } });
    await new Promise((resolve) => setTimeout(resolve, 1));
    assert.deepEqual(figma.storage.get(SETTINGS_KEY), settings({ placement: 'beside', iterations: DEFAULT_SETTINGS.iterations }));
  });

  test('with nothing selected, says so and changes nothing', async () => {
    const figma = startWithUi();
    const done = await run(figma);
    assert.deepEqual(done, { type: 'done', placed: 0, skipped: [], cancelled: false });
    assert.match(figma.notifications[0]?.message ?? '', /Nothing is selected/);
    assert.equal(figma.notifications[0]?.error, true);
    assert.equal(figma.page.children.length, 0);
  });

  test('styles two frames one at a time, each result a new layer just above its original, one undo each', async () => {
    const figma = startWithUi();
    const hero = figma.add({ name: 'Hero', x: 10, y: 20, width: 300, height: 200 });
    const card = figma.add({ name: 'Card', x: 400, y: 20, width: 100, height: 150 });
    figma.select(hero, card);
    const jobsSeenAtFirstResult: number[] = [];
    figma.ui.listen((m) => m.type === 'placed' && jobsSeenAtFirstResult.push(figma.ui.all('job').length));
    const done = await run(figma, { styleName: 'The Night Café', size: 64 });
    assert.deepEqual(done, { type: 'done', placed: 2, skipped: [], cancelled: false });
    assert.deepEqual(jobsSeenAtFirstResult, [1, 2], 'the second node is sent only after the first is placed');

    const jobs = figma.ui.all('job');
    assert.deepEqual(
      jobs.map((j) => [j.name, j.index, j.total]),
      [
        ['Hero', 1, 2],
        ['Card', 2, 2],
      ],
    );
    assert.deepEqual(imageSize(jobs[0]!.png), { format: 'PNG', width: 64, height: 43 });
    assert.deepEqual(imageSize(jobs[1]!.png), { format: 'PNG', width: 43, height: 64 });

    const [, heroResult, , cardResult] = figma.page.children;
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero', 'Hero · The Night Café', 'Card', 'Card · The Night Café'],
    );
    for (const [original, result] of [
      [hero, heroResult],
      [card, cardResult],
    ] as const) {
      assert.ok(result !== undefined);
      assert.deepEqual([result.x, result.y, result.width, result.height], [original.x, original.y, original.width, original.height]);
      const paint = imageFill(result);
      assert.ok(paint.type === 'IMAGE' && paint.imageHash !== null && figma.images.has(paint.imageHash));
      assert.equal(paint.scaleMode, 'FILL');
      assert.deepEqual(original.fills, [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }], 'the original is untouched');
    }
    assert.deepEqual(
      figma.ui.all('placed').map((p) => p.resultId),
      [heroResult?.id, cardResult?.id],
    );
    assert.equal(figma.checkpoints.length, 2);
    assert.deepEqual(figma.uncommitted, []);

    figma.undo();
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero', 'Hero · The Night Café', 'Card'],
    );
    figma.undo();
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Hero', 'Card'],
    );
    assert.match(figma.notifications.at(-1)?.message ?? '', /^Styled 2 layers\./);
    assert.deepEqual(figma.storage.get(SETTINGS_KEY), settings({ styleName: 'The Night Café', size: 64 }), 'the settings are remembered');
  });

  test('places a result beside its original, and keeps it out of its parent’s auto layout', async () => {
    const figma = startWithUi();
    const section = figma.add({ name: 'Stack', width: 600, height: 400 });
    section.layoutMode = 'VERTICAL';
    const a = figma.add({ name: 'A', x: 0, y: 0, width: 200, height: 100 }, section);
    const b = figma.add({ name: 'B', x: 0, y: 100, width: 200, height: 100 }, section);
    figma.select(a);
    await run(figma, { placement: 'beside' });
    const result = section.children[1];
    assert.deepEqual(
      section.children.map((n) => n.name),
      ['A', 'A · The Night Café', 'B'],
    );
    assert.equal(result?.x, 240);
    assert.equal(result?.y, 0);
    assert.equal(result?.layoutPositioning, 'ABSOLUTE');
    assert.deepEqual([b.x, b.y], [0, 100]);
  });

  test('replace puts the result in the original’s fills, undoably; a group, which has no fills, is skipped', async () => {
    const figma = startWithUi();
    const frame = figma.add({ name: 'Frame', width: 120, height: 80 });
    const group = figma.add({ name: 'Group', type: 'GROUP', width: 50, height: 50 });
    figma.select(frame, group);
    const done = await run(figma, { placement: 'replace' });
    assert.equal(done.placed, 1);
    assert.deepEqual(done.skipped, [{ name: 'Group', reason: 'a group has no fills to replace; choose “above” or “beside”' }]);
    assert.equal(figma.page.children.length, 2, 'no new layer');
    imageFill(frame);
    figma.undo();
    assert.deepEqual(frame.fills, [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }]);
    assert.equal(figma.notifications.at(-1)?.error, false);
    assert.match(figma.notifications.at(-1)?.message ?? '', /skipped 1 layer: “Group”/);
  });

  test('uses the image of a selected image-filled layer as the style, or says there is none', async () => {
    const figma = startWithUi();
    const bytes = encodePng(2, 2, new Uint8Array(16).fill(99));
    const hash = figma.addImage(bytes);
    const photo = figma.add({ name: 'Painting', width: 40, height: 40, fills: [{ type: 'IMAGE', imageHash: hash, scaleMode: 'FILL' }] });
    figma.select(figma.add({ name: 'Plain', width: 10, height: 10 }));
    figma.ui.fromUi({ type: 'use-selected-image-as-style' });
    const notice = await figma.ui.next('notice');
    assert.equal(notice.error, true);
    assert.match(notice.message, /image fill/);

    figma.select(photo);
    figma.ui.fromUi({ type: 'use-selected-image-as-style' });
    const style = await figma.ui.next('style-image');
    assert.equal(style.name, 'Painting');
    assert.deepEqual(style.bytes, bytes);
  });

  test('a node that cannot be exported is skipped and the others are styled', async () => {
    const figma = startWithUi();
    const empty = figma.add({ name: 'Empty', width: 10, height: 10, exportError: 'Out of memory' });
    const ok = figma.add({ name: 'Ok', width: 10, height: 10 });
    figma.select(empty, ok);
    const done = await run(figma);
    assert.equal(done.placed, 1);
    assert.deepEqual(done.skipped[0], { name: 'Empty', reason: 'Figma could not export it (Out of memory)' });
    assert.equal(figma.ui.all('job').length, 1);
  });

  test('a frame over 4096 px at full size is exported at 4096 and the user is told', async () => {
    const figma = startWithUi();
    const poster = figma.add({ name: 'Poster', width: 2000, height: 6000 });
    figma.select(poster);
    figma.ui.fromUi({ type: 'stylize-selection', settings: settings({ size: 0 }) });
    const job = await figma.ui.next('job');
    assert.deepEqual(imageSize(job.png), { format: 'PNG', width: 1365, height: 4096 });
    assert.deepEqual(job.downscaledFrom, { width: 2000, height: 6000 });
    assert.match((await figma.ui.next('notice')).message, /over 4096 px.*1365×4096/);
    const done = await figma.ui.next('done');
    assert.equal(done.placed, 1);
    assert.deepEqual([figma.page.children[1]?.width, figma.page.children[1]?.height], [2000, 6000]);
  });

  test('a result Figma refuses (not an image, over 4096 px) is skipped and leaves the document as it was', async () => {
    const figma = startWithUi((job) =>
      job.name === 'Bad'
        ? { type: 'result', nodeId: job.nodeId, index: job.index, png: new Uint8Array([1, 2, 3]) }
        : { type: 'result', nodeId: job.nodeId, index: job.index, png: encodePng(5000, 1, new Uint8Array(5000 * 4)) },
    );
    figma.select(figma.add({ name: 'Bad', width: 10, height: 10 }), figma.add({ name: 'Huge', width: 10, height: 10 }));
    const done = await run(figma);
    assert.deepEqual(done.skipped, [
      { name: 'Bad', reason: 'Figma refused the styled image (Image type is unsupported)' },
      { name: 'Huge', reason: 'Figma refused the styled image (Image is too large)' },
    ]);
    assert.equal(figma.page.children.length, 2);
    assert.deepEqual([figma.checkpoints, figma.uncommitted], [[], []]);
    assert.equal(figma.notifications.at(-1)?.error, true);
  });

  test('a job the UI fails is skipped with the UI’s message', async () => {
    const figma = startWithUi((job) => ({
      type: 'job-failed',
      nodeId: job.nodeId,
      index: job.index,
      message: 'the image could not be decoded',
    }));
    figma.select(figma.add({ name: 'A', width: 10, height: 10 }));
    const done = await run(figma);
    assert.deepEqual(done.skipped, [{ name: 'A', reason: 'the image could not be decoded' }]);
  });

  test('a selection change during a run is noted once and the run goes on with the nodes it started with', async () => {
    const figma = startWithUi((job, f) => {
      f.select();
      return { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) };
    });
    const a = figma.add({ name: 'A', width: 10, height: 10 });
    const b = figma.add({ name: 'B', width: 10, height: 10 });
    figma.select(a, b);
    const done = await run(figma);
    assert.equal(done.placed, 2);
    const notes = figma.ui.all('notice').filter((n) => /selection changed/.test(n.message));
    assert.equal(notes.length, 1);
  });

  test('a node deleted during the run is skipped', async () => {
    const figma = startWithUi((job, f) => {
      f.page.children.find((n) => n.name === 'B')?.remove();
      return { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) };
    });
    figma.select(figma.add({ name: 'A', width: 10, height: 10 }), figma.add({ name: 'B', width: 10, height: 10 }));
    const done = await run(figma);
    assert.equal(done.placed, 1);
    assert.deepEqual(done.skipped, [{ name: 'a deleted layer', reason: 'it was deleted during the run' }]);
  });

  test('cancel stops the run: the node in progress and those after it are left alone', async () => {
    const figma = startWithUi((job) =>
      job.index === 1 ? { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) } : { type: 'cancel' },
    );
    const nodes = ['A', 'B', 'C'].map((name) => figma.add({ name, width: 10, height: 10 }));
    figma.select(...nodes);
    const done = await run(figma);
    assert.deepEqual(done, { type: 'done', placed: 1, skipped: [], cancelled: true });
    assert.equal(figma.ui.all('job').length, 2);
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['A', 'A · The Night Café', 'B', 'C'],
    );
    assert.match(figma.notifications.at(-1)?.message ?? '', /^Cancelled: styled 1 layer/);
  });

  test('closing the plugin mid-run stops it without touching the document or the API again', async () => {
    const figma = startWithUi((_job, f) => {
      f.close();
      return undefined;
    });
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('unhandledRejection', onError);
    figma.select(figma.add({ name: 'A', width: 10, height: 10 }), figma.add({ name: 'B', width: 10, height: 10 }));
    figma.ui.fromUi({ type: 'stylize-selection', settings: settings() });
    await figma.ui.next('job');
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onError);
    assert.deepEqual(errors, []);
    assert.equal(figma.closed, true);
    assert.deepEqual(figma.ui.all('done'), []);
    assert.equal(figma.page.children.length, 2);
    assert.deepEqual(figma.checkpoints, []);
  });

  test('a second run while one is going is refused', async () => {
    const figma = startWithUi();
    figma.select(figma.add({ name: 'A', width: 10, height: 10 }));
    figma.ui.fromUi({ type: 'stylize-selection', settings: settings() });
    await figma.ui.next('job');
    figma.ui.fromUi({ type: 'stylize-selection', settings: settings() });
    assert.match((await figma.ui.next('notice')).message, /already going/);
    assert.equal((await figma.ui.next('done')).placed, 1);
  });

  test('a malformed message from the UI is refused with the UiMessageError’s words and never acted on', async () => {
    let sentJunk = false;
    const figma = startWithUi((job, f) => {
      if (!sentJunk) {
        sentJunk = true;
        f.ui.fromUiUnchecked({ type: 'result', nodeId: job.nodeId, index: job.index, png: [1, 2, 3] });
      }
      return { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) };
    });
    figma.select(figma.add({ name: 'A', width: 10, height: 10 }));
    figma.ui.fromUiUnchecked({ type: 'stylize-selection', settings: 'fast' });
    const refused = await figma.ui.next('notice');
    assert.equal(refused.error, true);
    assert.match(refused.message, /'stylize-selection' message has settings a string/);
    assert.deepEqual(figma.ui.all('job'), [], 'no run started from it');

    const done = await run(figma);
    assert.deepEqual([done.placed, done.skipped], [1, []], 'the malformed result was not taken for the job’s');
    assert.match((await figma.ui.next('notice')).message, /'result' message has png an array of 3/);
  });
});
