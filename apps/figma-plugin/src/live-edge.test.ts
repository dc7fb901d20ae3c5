import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { liveStrokes } from './live-edge.js';

describe('liveStrokes', () => {
  test('strokes stay live on frames, rectangles and with replace; other shapes have them styled', () => {
    assert.deepEqual(
      ['FRAME', 'RECTANGLE', 'INSTANCE', 'ELLIPSE', 'VECTOR'].map((t) => liveStrokes(t, 'above')),
      [true, true, true, false, false],
    );
    assert.equal(liveStrokes('ELLIPSE', 'replace'), true);
  });
});
