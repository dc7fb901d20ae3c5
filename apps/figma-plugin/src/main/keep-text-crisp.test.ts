/**
 * Keep text crisp, variations and the frame's own properties, through the main thread on the fake
 * Figma: what is exported, what the document looks like after, and that no failure, Cancel or
 * close between making the temporary copy and removing it leaves anything behind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodePng, encodePng, imageSize } from '@nst/testing/png';
import type { PluginSettings } from '../protocol.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { FakeFigma, type FakeNode } from '../testing/fake-figma.js';
import { startWithUi, styledPng } from '../testing/plugin-with-ui.js';

const TEXT_RED: readonly [number, number, number] = [255, 0, 0];

const settings = (overrides: Partial<PluginSettings> = {}): PluginSettings => ({ ...DEFAULT_SETTINGS, size: 60, ...overrides });

const run = async (figma: FakeFigma, overrides: Partial<PluginSettings> = {}) => {
  figma.ui.fromUi({ type: 'stylize-selection', settings: settings(overrides) });
  return figma.ui.next('done');
};

/** A hero section: background, headline, a button (an instance holding a label), an icon; auto layout. */
function hero(figma: FakeFigma, at: { x?: number; y?: number } = {}) {
  const frame = figma.add({ name: 'Hero', width: 120, height: 80, color: [40, 90, 200], ...at });
  frame.layoutMode = 'VERTICAL';
  const background = figma.add({ name: 'Background', type: 'RECTANGLE', width: 120, height: 40, color: [220, 160, 40] }, frame);
  const headline = figma.add(
    { name: 'Headline', type: 'TEXT', characters: 'Hello', x: 10, y: 8, width: 80, height: 14, color: TEXT_RED },
    frame,
  );
  const button = figma.add(
    {
      name: 'Button',
      type: 'INSTANCE',
      x: 10,
      y: 50,
      width: 50,
      height: 20,
      color: [20, 160, 80],
      strokes: [{ type: 'SOLID', color: { r: 0, g: 0, b: 0 } }],
    },
    frame,
  );
  const pill = figma.add({ name: 'Pill', type: 'RECTANGLE', width: 50, height: 20, color: [20, 160, 80], cornerRadius: 10 }, button);
  const label = figma.add({ name: 'Label', type: 'TEXT', characters: 'Go', x: 8, y: 4, width: 30, height: 12, color: TEXT_RED }, button);
  const icon = figma.add({ name: 'Icon', x: 90, y: 50, width: 20, height: 20, color: [240, 240, 240] }, frame);
  const glyph = figma.add(
    {
      name: 'Glyph',
      type: 'VECTOR',
      x: 4,
      y: 4,
      width: 12,
      height: 12,
      fills: [{ type: 'SOLID', color: { r: 10 / 255, g: 10 / 255, b: 10 / 255 } }],
    },
    icon,
  );
  return { frame, background, headline, button, pill, label, icon, glyph };
}

/** Everything a node and its descendants show, to compare before and after. */
const snapshot = (node: FakeNode): unknown =>
  [node, ...node.descendants()].map((n) => ({
    id: n.id,
    name: n.name,
    parent: n.parent instanceof Object && 'id' in n.parent ? n.parent.id : 'page',
    ...Object.fromEntries(
      (
        [
          'x',
          'y',
          'width',
          'height',
          'visible',
          'opacity',
          'rotation',
          'blendMode',
          'fills',
          'strokes',
          'effects',
          'cornerRadius',
          'clipsContent',
          'layoutPositioning',
        ] as const
      ).map((k) => [k, structuredClone(n[k])]),
    ),
  }));

const countColour = (png: Uint8Array, [r, g, b]: readonly [number, number, number]) => {
  const { data } = decodePng(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) n++;
  return n;
};

const names = (figma: FakeFigma) => figma.page.children.map((n) => n.name);

describe('keep text crisp', () => {
  test('the export leaves the text out; the result is a copy of the frame: the picture as its fill, under the untouched live text', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    const before = snapshot(h.frame);
    assert.ok(countColour(await h.frame.exportAsync({ format: 'PNG' }), TEXT_RED) > 100, 'the fake draws the text in its colour');
    figma.select(h.frame);
    const done = await run(figma);
    assert.deepEqual(done, { type: 'done', placed: 1, skipped: [], cancelled: false });

    const [job] = figma.ui.all('job');
    assert.equal(job?.keptLayers, 2);
    assert.equal(countColour(job!.png, TEXT_RED), 0, 'no text pixels in what is styled');
    assert.ok(countColour(job!.png, [10, 10, 10]) > 0, 'the icon is styled with the artwork');

    assert.deepEqual(names(figma), ['Hero', 'Hero · The Night Café'], 'no temporary copy left');
    assert.deepEqual(snapshot(h.frame), before, 'the original is untouched');
    const result = figma.page.children[1]!;
    const fill = Array.isArray(result.fills) ? result.fills : [];
    assert.deepEqual(
      fill.map((p) => p.type),
      ['IMAGE'],
    );
    assert.equal(result.layoutMode, 'VERTICAL', 'auto layout kept');
    assert.deepEqual([result.x, result.y, result.width, result.height], [0, 0, 120, 80]);
    const byName = new Map(result.descendants().map((n) => [n.name, n]));
    for (const name of ['Headline', 'Label']) {
      const text = byName.get(name)!;
      const original = name === 'Headline' ? h.headline : h.label;
      assert.deepEqual(
        [text.type, text.characters, text.opacity, text.visible, text.fills],
        [original.type, original.characters, 1, true, original.fills],
        `${name} is live and unchanged`,
      );
    }
    assert.deepEqual(
      ['Background', 'Pill', 'Icon'].map((n) => byName.get(n)?.opacity),
      [0, 0, 0],
      'what is in the picture no longer covers it',
    );
    assert.deepEqual([byName.get('Button')?.fills, byName.get('Button')?.strokes], [[], []], 'the button’s own paint is in the picture');
    assert.equal(byName.get('Glyph')?.opacity, 1, 'inside a transparent icon, untouched');

    // Rendered, the result is the picture (the fake draws image fills grey) with red text on top.
    const rendered = encodePng(120, 80, result.render(120, 80));
    assert.ok(countColour(rendered, TEXT_RED) > 100, 'the text is drawn above the picture');
    assert.ok(countColour(rendered, [128, 128, 128]) > 1000, 'the picture shows around it');

    assert.equal(figma.checkpoints.length, 1);
    figma.undo();
    assert.deepEqual(names(figma), ['Hero'], 'one undo removes the result');
    assert.deepEqual(snapshot(h.frame), before);
  });

  test('vector icons kept too: the glyph stays live and out of the export', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    figma.select(h.frame);
    await run(figma, { keepVectors: true });
    const [job] = figma.ui.all('job');
    assert.equal(job?.keptLayers, 3);
    assert.equal(countColour(job!.png, [10, 10, 10]), 0);
    const byName = new Map(figma.page.children[1]!.descendants().map((n) => [n.name, n]));
    assert.deepEqual([byName.get('Glyph')?.opacity, byName.get('Icon')?.opacity, byName.get('Icon')?.fills], [1, 1, []]);
  });

  test('off, or on a layer without text, the whole layer is styled into a rectangle as before', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    figma.select(h.frame);
    await run(figma, { keepText: false });
    const [job] = figma.ui.all('job');
    assert.equal(job?.keptLayers, 0);
    assert.ok(countColour(job!.png, TEXT_RED) > 0, 'the text is styled with everything');
    assert.equal(figma.page.children[1]?.type, 'RECTANGLE');
  });

  test('replace, keeping text: the frame itself gets the picture under its text, undone in one step', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    const before = snapshot(h.frame);
    figma.select(h.frame);
    await run(figma, { placement: 'replace' });
    assert.deepEqual(names(figma), ['Hero']);
    assert.equal(Array.isArray(h.frame.fills) && h.frame.fills[0]?.type, 'IMAGE');
    assert.deepEqual([h.headline.opacity, h.background.opacity, h.button.fills], [1, 0, []]);
    figma.undo();
    assert.deepEqual(snapshot(h.frame), before);
  });

  // Every API call between making the temporary copy and removing it, failing or closing the plugin there.
  const exportCalls = ['clone', 'set rotation', 'set opacity', 'set effects', 'exportAsync'] as const;
  /** A hero that needs every step of the export: rotated, translucent, with an effect. */
  const awkwardHero = (figma: FakeFigma) => {
    const h = hero(figma, { x: 0 });
    Object.assign(h.frame, { rotation: 10, opacity: 0.9 });
    h.frame.effects = [{ type: 'LAYER_BLUR', blurType: 'NORMAL', radius: 2, visible: true }];
    return h;
  };

  for (const call of exportCalls) {
    test(`an error at “${call}” of the export skips the frame and leaves no copy and no hidden text`, async () => {
      const figma = startWithUi();
      const h = awkwardHero(figma);
      const plain = figma.add({ name: 'Other', x: 300, width: 20, height: 20 });
      const before = snapshot(h.frame);
      let failed = false;
      figma.onCall = (c, node) => {
        if (
          !failed &&
          c === call &&
          node !== undefined &&
          node.id !== h.frame.id &&
          !h.frame.descendants().includes(node) &&
          node !== plain
        ) {
          failed = true;
          throw new Error(`refused ${c}`);
        }
        if (!failed && c === 'clone' && call === 'clone') {
          failed = true;
          throw new Error('refused clone');
        }
      };
      figma.select(h.frame, plain);
      const done = await run(figma);
      assert.equal(failed, true, `the fault at ${call} was hit`);
      assert.deepEqual(done.skipped, [{ name: 'Hero', reason: `Figma could not export it (refused ${call})` }]);
      assert.equal(done.placed, 1, 'the next layer is styled');
      assert.deepEqual(names(figma), ['Hero', 'Other', 'Other · The Night Café']);
      assert.deepEqual(snapshot(h.frame), before);
    });

    test(`the plugin closed at “${call}” of the export leaves no copy behind and calls nothing more`, async () => {
      const figma = startWithUi();
      const h = awkwardHero(figma);
      const before = snapshot(h.frame);
      let closedAt: string | undefined;
      figma.onCall = (c) => {
        if (closedAt === undefined && c === call && figma.allNodes().length > 8) {
          closedAt = c;
          figma.close();
        }
        if (closedAt === undefined && c === call && call === 'clone') {
          closedAt = c;
          figma.close();
        }
      };
      const errors: unknown[] = [];
      const onError = (error: unknown) => errors.push(error);
      process.on('unhandledRejection', onError);
      figma.select(h.frame);
      figma.ui.fromUi({ type: 'stylize-selection', settings: settings() });
      await new Promise((resolve) => setTimeout(resolve, 30));
      process.off('unhandledRejection', onError);
      assert.equal(closedAt, call);
      assert.deepEqual(errors, []);
      assert.deepEqual(names(figma), ['Hero'], 'the copy was removed in the close handler');
      assert.deepEqual(snapshot(h.frame), before);
      assert.deepEqual(figma.ui.all('done'), []);
    });
  }

  test('Cancel during the export: the copy is removed and nothing is placed', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    figma.onCall = (c) => {
      if (c === 'exportAsync') figma.ui.fromUi({ type: 'cancel' });
    };
    figma.select(h.frame);
    const done = await run(figma);
    assert.deepEqual(done, { type: 'done', placed: 0, skipped: [], cancelled: true });
    assert.deepEqual(names(figma), ['Hero']);
    assert.deepEqual(figma.ui.all('job'), []);
  });

  test('a copy Figma will not remove is reported, by name, for the user to delete', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    let refused = false;
    figma.onCall = (c) => {
      if (c === 'remove' && !refused) {
        refused = true;
        throw new Error('refused remove');
      }
    };
    figma.select(h.frame);
    const done = await run(figma);
    assert.match(done.skipped[0]?.reason ?? '', /a temporary copy of “Hero” could not be removed \(refused remove\); delete it by hand/);
  });

  for (const call of ['set fills', 'set opacity', 'insertChild'] as const) {
    test(`a result Figma refuses at “${call}” is taken back whole: no half-made copy, the original as it was`, async () => {
      const figma = startWithUi();
      const h = hero(figma);
      const before = snapshot(h.frame);
      let exported = false;
      let failed = false;
      figma.onCall = (c) => {
        if (c === 'exportAsync') exported = true;
        if (exported && !failed && c === call && figma.ui.all('job').length > 0) {
          failed = true;
          throw new Error(`refused ${c}`);
        }
      };
      figma.select(h.frame);
      const done = await run(figma);
      assert.equal(failed, true);
      assert.deepEqual(done.skipped, [{ name: 'Hero', reason: `Figma could not place the result (refused ${call})` }]);
      assert.deepEqual(names(figma), ['Hero']);
      assert.deepEqual(snapshot(h.frame), before);
      assert.deepEqual(figma.checkpoints, []);
    });
  }

  test('replace refused half-way: every change already made to the frame is taken back', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    const before = snapshot(h.frame);
    figma.onCall = (c, node) => {
      if (c === 'set fills' && node === h.frame) throw new Error('refused');
    };
    figma.select(h.frame);
    const done = await run(figma, { placement: 'replace' });
    assert.equal(done.placed, 0);
    assert.deepEqual(snapshot(h.frame), before);
  });
});

describe('variations', () => {
  test('one export, one job per style × strength, copies in a row beside the rightmost sibling, each its own undo', async () => {
    const figma = startWithUi();
    const h = hero(figma, { x: 0, y: 0 });
    figma.add({ name: 'Far', x: 400, y: 300, width: 60, height: 60 });
    let exports = 0;
    figma.onCall = (c) => void (c === 'exportAsync' && exports++);
    figma.select(h.frame);
    const done = await run(figma, {
      variations: true,
      variationStyles: ['Bricks', 'Gravel'],
      variationStrengths: [0.25, 0.75],
      placement: 'above',
    });
    assert.equal(done.placed, 4);
    assert.equal(exports, 1, 'the frame is exported once');
    const jobs = figma.ui.all('job');
    assert.deepEqual(
      jobs.map((j) => [j.choice.styleName, j.choice.strength, j.index, j.total]),
      [
        ['Bricks', 0.25, 1, 4],
        ['Bricks', 0.75, 2, 4],
        ['Gravel', 0.25, 3, 4],
        ['Gravel', 0.75, 4, 4],
      ],
    );
    assert.ok(jobs.every((j) => j.png === jobs[0]!.png || Buffer.compare(j.png, jobs[0]!.png) === 0));
    const copies = figma.page.children.filter((n) => n.name.startsWith('Hero ·'));
    assert.deepEqual(
      copies.map((n) => n.name),
      ['Hero · Bricks · 25%', 'Hero · Bricks · 75%', 'Hero · Gravel · 25%', 'Hero · Gravel · 75%'],
    );
    assert.deepEqual(
      copies.map((n) => [n.x, n.y]),
      [
        [500, 0],
        [660, 0],
        [820, 0],
        [980, 0],
      ],
      'a row right of “Far”, 40 px apart, level with the frame',
    );
    assert.equal(figma.checkpoints.length, 4);
    figma.undo();
    assert.equal(figma.page.children.filter((n) => n.name.startsWith('Hero ·')).length, 3);
  });

  test('Cancel keeps the finished copies and stops the set', async () => {
    const figma = startWithUi((job) =>
      job.index <= 2 ? { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) } : { type: 'cancel' },
    );
    const h = hero(figma);
    figma.select(h.frame);
    const done = await run(figma, { variations: true, variationStyles: ['Bricks', 'Gravel', 'The Night Café'] });
    assert.deepEqual(done, { type: 'done', placed: 2, skipped: [], cancelled: true });
    assert.deepEqual(names(figma), ['Hero', 'Hero · Bricks', 'Hero · Gravel']);
    assert.match(figma.notifications.at(-1)?.message ?? '', /^Cancelled: styled 2 copies/);
  });

  test('variations of a frame without text are copies of the frame, its children under the picture', async () => {
    const figma = startWithUi();
    const card = figma.add({ name: 'Card', width: 60, height: 40, cornerRadius: 6 });
    const blob = figma.add({ name: 'Blob', type: 'ELLIPSE', width: 20, height: 20, color: [10, 200, 10] }, card);
    figma.select(card);
    await run(figma, { variations: true, variationStyles: ['Bricks', 'Gravel'] });
    const copies = figma.page.children.slice(1);
    assert.deepEqual(
      copies.map((n) => [n.type, n.name, n.cornerRadius, n.children[0]?.opacity]),
      [
        ['FRAME', 'Card · Bricks', 6, 0],
        ['FRAME', 'Card · Gravel', 6, 0],
      ],
    );
    assert.equal(blob.opacity, 1, 'the original’s children untouched');
    assert.equal(figma.ui.all('job')[0]?.keptLayers, 0);
  });

  test('a failed variation is skipped by its name; the others are placed', async () => {
    const figma = startWithUi((job) =>
      job.choice.styleName === 'Gravel'
        ? { type: 'job-failed', nodeId: job.nodeId, index: job.index, message: 'out of memory' }
        : { type: 'result', nodeId: job.nodeId, index: job.index, png: styledPng(job) },
    );
    const h = hero(figma);
    figma.select(h.frame);
    const done = await run(figma, { variations: true, variationStyles: ['Bricks', 'Gravel'] });
    assert.deepEqual([done.placed, done.skipped], [1, [{ name: 'Hero · Gravel', reason: 'out of memory' }]]);
  });
});

describe('the frame’s own properties', () => {
  test('a rotated, rounded, translucent, blended frame with text: exported upright and opaque, the copy keeps all of it', async () => {
    const figma = startWithUi();
    const h = hero(figma);
    Object.assign(h.frame, { rotation: 30, cornerRadius: 12, clipsContent: false, opacity: 0.5, blendMode: 'MULTIPLY' });
    figma.select(h.frame);
    await run(figma, { placement: 'beside' });
    const [job] = figma.ui.all('job');
    assert.deepEqual(
      imageSize(job!.png),
      { format: 'PNG', width: 60, height: 40 },
      'upright: the frame’s own aspect, not its rotated bounds',
    );
    const alpha = decodePng(job!.png).data[(20 * 60 + 30) * 4 + 3];
    assert.equal(alpha, 255, 'opaque: the frame’s opacity is applied once, by the result');
    const result = figma.page.children[1]!;
    assert.deepEqual(
      [result.rotation, result.cornerRadius, result.clipsContent, result.opacity, result.blendMode],
      [30, 12, false, 0.5, 'MULTIPLY'],
    );
    // 30° about the top-left: the 120×80 frame's bounds span x 0…143.9; the copy's start 40 px on.
    const left = result.x + Math.min(0, 80 * Math.sin(Math.PI / 6));
    assert.ok(Math.abs(left - (120 * Math.cos(Math.PI / 6) + 80 * Math.sin(Math.PI / 6) + 40)) < 1e-6, `left edge ${left}`);
  });

  test('a rotated, rounded, translucent layer without text: the rectangle carries its rotation, radius, opacity and blend mode', async () => {
    const figma = startWithUi();
    const card = figma.add({ name: 'Card', width: 90, height: 30, rotation: -15, cornerRadius: 8, opacity: 0.8, blendMode: 'SCREEN' });
    figma.select(card);
    await run(figma);
    const [job] = figma.ui.all('job');
    assert.deepEqual(imageSize(job!.png), { format: 'PNG', width: 60, height: 20 });
    const result = figma.page.children[1]!;
    assert.deepEqual(
      [result.type, result.rotation, result.cornerRadius, result.opacity, result.blendMode, result.x, result.y],
      ['RECTANGLE', -15, 8, 0.8, 'SCREEN', 0, 0],
    );
    assert.deepEqual(names(figma), ['Card', 'Card · The Night Café'], 'the upright copy used for the export is gone');
  });
});
