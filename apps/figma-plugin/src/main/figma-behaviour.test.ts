/**
 * The plugin against Figma as it really behaves (issue 22), on the fake that follows Figma's
 * documentation: results of layers inside instances, the bounds an export covers, effects kept
 * once, the 4096 px guard on what is really exported, and exports that render nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DropShadowEffect } from '@figma/plugin-typings/plugin-api-standalone.js';
import { decodePng, imageSize } from '@nst/testing/png';
import type { PluginSettings } from '../protocol.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import type { FakeFigma } from '../testing/fake-figma.js';
import { startWithUi } from '../testing/plugin-with-ui.js';

const settings = (overrides: Partial<PluginSettings> = {}): PluginSettings => ({ ...DEFAULT_SETTINGS, size: 60, ...overrides });

const run = async (figma: FakeFigma, overrides: Partial<PluginSettings> = {}) => {
  figma.ui.fromUi({ type: 'stylize-selection', settings: settings(overrides) });
  return figma.ui.next('done');
};

const shadow = (x: number, y: number, radius: number): DropShadowEffect => ({
  type: 'DROP_SHADOW',
  color: { r: 0, g: 0, b: 0, a: 0.4 },
  offset: { x, y },
  radius,
  visible: true,
  blendMode: 'NORMAL',
});

/** A card (auto layout) holding a button instance that holds a pill, a label and a nested frame. */
function card(figma: FakeFigma) {
  const frame = figma.add({ name: 'Card', x: 100, y: 50, width: 300, height: 200 });
  frame.layoutMode = 'VERTICAL';
  const button = figma.add({ name: 'Button', type: 'INSTANCE', x: 20, y: 120, width: 120, height: 40 }, frame);
  const pill = figma.add({ name: 'Pill', type: 'RECTANGLE', x: 0, y: 0, width: 120, height: 40, color: [20, 160, 80] }, button);
  const badge = figma.add({ name: 'Badge', x: 90, y: 5, width: 24, height: 24, color: [200, 40, 40] }, button);
  const label = figma.add({ name: 'Label', type: 'TEXT', x: 4, y: 6, width: 16, height: 12 }, badge);
  return { frame, button, pill, badge, label };
}

describe('Figma as it really behaves', () => {
  // https://developers.figma.com/docs/plugins/api/properties/nodes-insertchild: "Cannot move node.
  // New parent is an instance or is inside of an instance".
  test('a layer inside an instance gets its result just above the instance, at the layer’s place, with a line saying so', async () => {
    const figma = startWithUi();
    const c = card(figma);
    figma.select(c.pill);
    const done = await run(figma);
    assert.deepEqual([done.placed, done.skipped], [1, []]);
    assert.deepEqual(
      c.frame.children.map((n) => n.name),
      ['Button', 'Pill · The Night Café'],
    );
    const result = c.frame.children[1]!;
    assert.deepEqual([result.x, result.y, result.width, result.height], [20, 120, 120, 40], 'where the pill shows, in the card');
    assert.equal(result.layoutPositioning, 'ABSOLUTE', 'out of the card’s auto layout');
    assert.deepEqual(
      c.button.children.map((n) => n.name),
      ['Pill', 'Badge'],
      'the instance is untouched',
    );
    const note = figma.ui.all('notice').find((n) => /inside the instance/.test(n.message));
    assert.equal(
      note?.message,
      '“Pill” is inside the instance “Button”, where Figma lets no plugin add layers: its result is just above “Button”, at the layer’s place.',
    );
  });

  test('a frame with text deep inside an instance: its crisp copy goes above the instance too, beside works, the copy left on the page is gone', async () => {
    const figma = startWithUi();
    const c = card(figma);
    figma.select(c.badge);
    const done = await run(figma, { placement: 'beside' });
    assert.deepEqual([done.placed, done.skipped], [1, []]);
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Card'],
      'no copy left on the page (clone() puts it there)',
    );
    const result = c.frame.children[1]!;
    assert.equal(result.name, 'Badge · The Night Café');
    assert.equal(result.type, 'FRAME', 'the crisp copy of the badge, its label live');
    assert.deepEqual(
      result.children.map((n) => [n.name, n.opacity]),
      [['Label', 1]],
    );
    assert.deepEqual([result.x, result.y], [20 + 120 + 40, 120 + 5], 'right of the rightmost layer in the card, level with the badge');
  });

  test('the instance itself gets its result above it as any layer; replace changes a layer inside an instance in place', async () => {
    const figma = startWithUi();
    const c = card(figma);
    figma.select(c.button);
    assert.deepEqual((await run(figma)).placed, 1);
    assert.deepEqual(
      c.frame.children.map((n) => n.name),
      ['Button', 'Button · The Night Café'],
    );
    figma.select(c.pill);
    assert.deepEqual((await run(figma, { placement: 'replace' })).placed, 1);
    const fills = c.pill.fills;
    assert.ok(Array.isArray(fills) && fills[0]?.type === 'IMAGE', 'an override of the instance’s child');
    assert.equal(figma.ui.all('notice').filter((n) => /inside the instance/.test(n.message)).length, 0);
  });

  // https://developers.figma.com/docs/plugins/api/ExportSettings, `useAbsoluteBounds`: without it an
  // export covers the rendered bounds (shadows, outside strokes), not the box the result is placed on.
  test('keep text crisp with a shadow and an outside stroke: the picture is the frame’s box, so it lines up with the live text', async () => {
    const figma = startWithUi();
    const hero = figma.add({
      name: 'Hero',
      width: 120,
      height: 80,
      color: [40, 90, 200],
      effects: [shadow(6, 10, 8)],
      strokes: [{ type: 'SOLID', color: { r: 0, g: 0, b: 0 } }],
      strokeWeight: 4,
      strokeAlign: 'OUTSIDE',
    });
    const headline = figma.add({ name: 'Headline', type: 'TEXT', x: 10, y: 8, width: 80, height: 14, color: [255, 0, 0] }, hero);
    figma.select(hero);
    const done = await run(figma, { placement: 'beside' });
    assert.equal(done.placed, 1);
    const [job] = figma.ui.all('job');
    assert.deepEqual(imageSize(job!.png), { format: 'PNG', width: 60, height: 40 }, 'the box at 60 px: 2 px of picture per 4 px of frame');
    const { data } = decodePng(job!.png);
    assert.equal(data[3], 255, 'the top-left pixel is the frame’s, not shadow or stroke margin');
    const result = figma.page.children[1]!;
    assert.deepEqual(
      [result.width, result.height, result.children[0]?.x, result.children[0]?.y],
      [hero.width, hero.height, headline.x, headline.y],
    );
    assert.deepEqual(result.effects, hero.effects, 'the shadow once, on the copy, outside the picture');
    assert.deepEqual([result.strokes, result.strokeWeight, result.strokeAlign], [hero.strokes, 4, 'OUTSIDE'], 'the stroke, live');
  });

  test('a rectangle result keeps the layer’s effects and box strokes once, outside the picture; the picture has no shadow squeezed in', async () => {
    const figma = startWithUi();
    const plain = figma.add({ name: 'Plain', width: 90, height: 30, effects: [shadow(0, 12, 6)] });
    const tilted = figma.add({ name: 'Tilted', x: 200, width: 90, height: 30, rotation: 15, opacity: 0.8, effects: [shadow(4, 4, 4)] });
    const boxed = figma.add({
      name: 'Boxed',
      type: 'RECTANGLE',
      x: 400,
      width: 90,
      height: 30,
      strokes: [{ type: 'SOLID', color: { r: 1, g: 0, b: 0 } }],
      strokeWeight: 6,
      strokeAlign: 'CENTER',
    });
    figma.select(plain, tilted, boxed);
    const done = await run(figma, { keepText: false });
    assert.equal(done.placed, 3);
    for (const job of figma.ui.all('job')) assert.deepEqual(imageSize(job.png), { format: 'PNG', width: 60, height: 20 }, job.name);
    const result = (name: string) => figma.page.children.find((n) => n.name === `${name} · The Night Café`);
    assert.deepEqual(result('Plain')?.effects, plain.effects);
    assert.deepEqual([result('Tilted')?.effects, result('Tilted')?.rotation], [tilted.effects, 15]);
    assert.deepEqual([result('Boxed')?.strokes, result('Boxed')?.strokeWeight, result('Boxed')?.strokeAlign], [boxed.strokes, 6, 'CENTER']);
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Plain', 'Plain · The Night Café', 'Tilted', 'Tilted · The Night Café', 'Boxed', 'Boxed · The Night Café'],
      'the temporary copies are gone',
    );
  });

  test('the 4096 px guard goes by what is exported: a 4096 px frame with a shadow below it is styled, not refused', async () => {
    const figma = startWithUi();
    const poster = figma.add({
      name: 'Poster',
      width: 4096,
      height: 4000,
      fills: [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }],
      effects: [shadow(0, 200, 0)],
    });
    figma.select(poster);
    const done = await run(figma, { size: 0 });
    assert.deepEqual([done.placed, done.skipped], [1, []]);
    const [job] = figma.ui.all('job');
    assert.deepEqual(imageSize(job!.png), { format: 'PNG', width: 4096, height: 4000 });
  });

  // Figma refuses an export that renders nothing ("Failed to export node. This node may not have
  // any visible layers.", issue 22); a frame without fills whose content is all text is one.
  test('a frame whose only content is its kept text is skipped with a plain reason; a hidden-only one too', async () => {
    const figma = startWithUi();
    const words = figma.add({ name: 'Words', width: 120, height: 40, fills: [] });
    figma.add({ name: 'Title', type: 'TEXT', x: 4, y: 4, width: 100, height: 20 }, words);
    const ghost = figma.add({ name: 'Ghost', x: 200, width: 40, height: 40, fills: [] });
    const ok = figma.add({ name: 'Ok', x: 300, width: 40, height: 40 });
    figma.select(words, ghost, ok);
    const done = await run(figma);
    assert.equal(done.placed, 1);
    assert.deepEqual(done.skipped, [
      {
        name: 'Words',
        reason:
          'there is nothing to style in it but its text (or icons), which stays as it is: give it a fill, an image or a shape, or turn off Keep text crisp',
      },
      { name: 'Ghost', reason: 'there is nothing visible in it to style' },
    ]);
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Words', 'Ghost', 'Ok', 'Ok · The Night Café'],
    );
  });
});
