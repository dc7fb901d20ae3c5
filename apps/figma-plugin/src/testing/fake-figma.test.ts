import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeFigma } from './fake-figma.js';
import { imageSize } from './png.js';

const pixel = (data: Uint8Array, width: number, x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];

describe('the fake Figma', () => {
  test('a frame exports with its visible children on it; text is bars of its text colour; hidden or transparent layers are not drawn', () => {
    const figma = new FakeFigma();
    const frame = figma.add({ name: 'Card', width: 20, height: 10, color: [0, 0, 200] });
    const text = figma.add({ name: 'Title', type: 'TEXT', x: 2, y: 2, width: 14, height: 6, color: [255, 0, 0] }, frame);
    const red = (img: Uint8Array) => Array.from({ length: 200 }, (_, i) => pixel(img, 20, i % 20, Math.floor(i / 20))).filter(([r, g, b]) => r === 255 && g === 0 && b === 0).length;
    assert.ok(red(frame.render(20, 10)) > 10, 'the text shows');
    assert.deepEqual(pixel(frame.render(20, 10), 20, 3, 5), [255, 0, 0, 255]);
    text.opacity = 0;
    assert.equal(red(frame.render(20, 10)), 0);
    text.opacity = 1;
    text.visible = false;
    assert.equal(red(frame.render(20, 10)), 0);
  });

  test('clone is a deep copy under the page with new ids; undo removes it; remove is undone into place', () => {
    const figma = new FakeFigma();
    const frame = figma.add({ name: 'Card', width: 20, height: 10 });
    figma.add({ name: 'Title', type: 'TEXT', width: 10, height: 5 }, frame);
    const other = figma.add({ name: 'Other', width: 5, height: 5 });
    const copy = frame.clone();
    assert.deepEqual(figma.page.children.map((n) => n.name), ['Card', 'Other', 'Card']);
    assert.notEqual(copy.children[0]?.id, frame.children[0]?.id);
    copy.children[0]!.opacity = 0;
    assert.equal(frame.children[0]?.opacity, 1, 'the original is not changed through its copy');
    figma.commitUndo();
    other.remove();
    assert.equal(other.removed, true);
    figma.undo();
    assert.deepEqual(figma.page.children.map((n) => n.name), ['Card', 'Other', 'Card']);
    figma.undo();
    assert.deepEqual(figma.page.children.map((n) => n.name), ['Card', 'Other']);
    assert.equal(copy.removed, true);
  });

  test('a rotated node exports at its bounding box; a hidden one does not export; onCall can fail any call', async () => {
    const figma = new FakeFigma();
    const node = figma.add({ name: 'Tilted', width: 40, height: 20, rotation: 90 });
    assert.deepEqual(imageSize(await node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 1 } })), { format: 'PNG', width: 20, height: 40 });
    node.visible = false;
    await assert.rejects(node.exportAsync({ format: 'PNG' }), /visible layers/);
    figma.onCall = (call) => {
      if (call === 'clone') throw new Error('boom');
    };
    assert.throws(() => node.clone(), /boom/);
    figma.close();
    assert.throws(() => (node.opacity = 0.5), /after the plugin was closed/);
  });
});
