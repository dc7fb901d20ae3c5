import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leftInstanceNote, resultHost, type HostTree } from './result-host.js';

interface Layer extends HostTree<Layer> {
  readonly x: number;
  readonly y: number;
  readonly parent: Layer | null;
}

const layer = (type: string, x: number, y: number, parent: Layer | null, name = type): Layer => ({ type, name, x, y, parent });

describe('resultHost', () => {
  test('outside instances: the layer’s own parent, at its own place', () => {
    const page = layer('PAGE', 0, 0, null);
    const frame = layer('FRAME', 10, 20, page);
    const rect = layer('RECTANGLE', 3, 4, frame);
    assert.deepEqual(resultHost(rect), { parent: frame, x: 3, y: 4 });
    assert.deepEqual(resultHost(layer('INSTANCE', 5, 6, frame)), { parent: frame, x: 5, y: 6 }, 'an instance itself takes no detour');
  });

  test('inside nested instances: the parent of the outermost, the layer’s place added up to it', () => {
    const page = layer('PAGE', 0, 0, null);
    const card = layer('FRAME', 100, 100, page);
    const outer = layer('INSTANCE', 10, 20, card, 'Outer');
    const group = layer('FRAME', 1, 2, outer);
    const inner = layer('INSTANCE', 30, 40, group, 'Inner');
    const leaf = layer('RECTANGLE', 5, 6, inner);
    assert.deepEqual(resultHost(leaf), { parent: card, leftInstance: outer, x: 5 + 30 + 1 + 10, y: 6 + 40 + 2 + 20 });
  });

  test('says where the result went', () => {
    assert.match(leftInstanceNote('Pill', 'Button'), /“Pill” is inside the instance “Button”.*just above “Button”/);
  });
});
