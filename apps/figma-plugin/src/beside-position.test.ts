import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { besidePosition, boundsOf } from './beside-position.js';

describe('besidePosition', () => {
  test('goes right of the rightmost sibling, not just right of the node', () => {
    const node = { x: 0, y: 10, width: 100, height: 50 };
    assert.deepEqual(besidePosition(node, [node, { x: 300, y: 400, width: 80, height: 20 }], 40), { x: 420, y: 10 });
    assert.deepEqual(besidePosition(node, [node], 40), { x: 140, y: 10 });
  });

  test('a rotated node: its bounds, not its corner, start after the gap', () => {
    // 90° counter-clockwise about the top-left: a 100×50 box spans x 0…50 and y −100…0.
    assert.deepEqual(boundsOf({ x: 0, y: 0, width: 100, height: 50, rotation: 90 }), { left: 0, top: -100, right: 50, bottom: 0 });
    const rotated = { x: 0, y: 0, width: 100, height: 50, rotation: -90 }; // spans x −50…0
    assert.deepEqual(boundsOf(rotated), { left: -50, top: 0, right: 0, bottom: 100 });
    assert.deepEqual(besidePosition(rotated, [rotated], 40), { x: 90, y: 0 });
    assert.equal(boundsOf({ ...rotated, x: 90 }).left, 40);
  });
});
