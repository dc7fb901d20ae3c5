import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodePng, imageSize } from '@nst/testing/png';
import { FakeFigma } from './fake-figma.js';

const pixel = (data: Uint8Array, width: number, x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];

describe('the fake Figma', () => {
  test('a frame exports with its visible children on it; text is bars of its text colour; hidden or transparent layers are not drawn', () => {
    const figma = new FakeFigma();
    const frame = figma.add({ name: 'Card', width: 20, height: 10, color: [0, 0, 200] });
    const text = figma.add({ name: 'Title', type: 'TEXT', x: 2, y: 2, width: 14, height: 6, color: [255, 0, 0] }, frame);
    const red = (img: Uint8Array) =>
      Array.from({ length: 200 }, (_, i) => pixel(img, 20, i % 20, Math.floor(i / 20))).filter(
        ([r, g, b]) => r === 255 && g === 0 && b === 0,
      ).length;
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
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Card', 'Other', 'Card'],
    );
    assert.notEqual(copy.children[0]?.id, frame.children[0]?.id);
    copy.children[0]!.opacity = 0;
    assert.equal(frame.children[0]?.opacity, 1, 'the original is not changed through its copy');
    figma.commitUndo();
    other.remove();
    assert.equal(other.removed, true);
    figma.undo();
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Card', 'Other', 'Card'],
    );
    figma.undo();
    assert.deepEqual(
      figma.page.children.map((n) => n.name),
      ['Card', 'Other'],
    );
    assert.equal(copy.removed, true);
  });

  test('a rotated node exports at its bounding box; a hidden one does not export; onCall can fail any call', async () => {
    const figma = new FakeFigma();
    const node = figma.add({ name: 'Tilted', width: 40, height: 20, rotation: 90 });
    assert.deepEqual(imageSize(await node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 1 } })), {
      format: 'PNG',
      width: 20,
      height: 40,
    });
    node.visible = false;
    await assert.rejects(node.exportAsync({ format: 'PNG' }), /visible layers/);
    figma.onCall = (call) => {
      if (call === 'clone') throw new Error('boom');
    };
    assert.throws(() => node.clone(), /boom/);
    figma.close();
    assert.throws(() => (node.opacity = 0.5), /after the plugin was closed/);
  });

  test('an IMAGE fill is drawn from the pixels given to addImage, covering the box; SOLID fills in their colour', () => {
    const figma = new FakeFigma();
    const data = new Uint8Array(4 * 2 * 4);
    for (let x = 0; x < 4; x++) for (let y = 0; y < 2; y++) data.set(x < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * 4 + x) * 4);
    const hash = figma.addImage(encodePng(4, 2, data), { width: 4, height: 2, data });
    const wide = figma.add({ name: 'Photo', width: 8, height: 4, fills: [{ type: 'IMAGE', imageHash: hash, scaleMode: 'FILL' }] });
    const img = wide.render(8, 4);
    assert.deepEqual(
      [pixel(img, 8, 0, 0), pixel(img, 8, 7, 3)],
      [
        [255, 0, 0, 255],
        [0, 0, 255, 255],
      ],
    );
    const square = figma.add({ name: 'Crop', width: 4, height: 4, fills: [{ type: 'IMAGE', imageHash: hash, scaleMode: 'FILL' }] });
    assert.deepEqual(pixel(square.render(4, 4), 4, 0, 0), [255, 0, 0, 255], 'covered: the middle of the image, cropped at the sides');
    const solid = figma.add({ name: 'Solid', width: 2, height: 2, fills: [{ type: 'SOLID', color: { r: 0, g: 1, b: 0 } }] });
    assert.deepEqual(pixel(solid.render(2, 2), 2, 1, 1), [0, 255, 0, 255]);
  });
});
