import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layerPlan } from './layer-plan.js';

interface Node {
  readonly name: string;
  readonly type: string;
  readonly visible: boolean;
  readonly children?: readonly Node[];
}
const n = (name: string, type: string, children?: Node[], visible = true): Node => ({
  name,
  type,
  visible,
  ...(children ? { children } : {}),
});
const names = (nodes: readonly Node[] | undefined) => nodes?.map((x) => x.name);

describe('layerPlan', () => {
  const hero = n('Hero', 'FRAME', [
    n('Background', 'RECTANGLE'),
    n('Blob', 'GROUP', [n('A', 'ELLIPSE'), n('B', 'ELLIPSE')]),
    n('Headline', 'TEXT'),
    n('Button', 'INSTANCE', [n('Pill', 'RECTANGLE'), n('Label', 'TEXT')]),
    n('Icon', 'FRAME', [n('Glyph', 'VECTOR')]),
    n('Draft note', 'TEXT', undefined, false),
  ]);

  test('keeps text live; the button that holds a label gives its own paint; the rest is artwork, one entry per subtree', () => {
    const plan = layerPlan(hero, { text: true, vectors: false });
    assert.deepEqual(names(plan?.kept), ['Headline', 'Label']);
    assert.deepEqual(names(plan?.containers), ['Button']);
    assert.deepEqual(names(plan?.artwork), ['Background', 'Blob', 'Pill', 'Icon']);
  });

  test('with vector icons kept, the icon frame becomes a container', () => {
    const plan = layerPlan(hero, { text: true, vectors: true });
    assert.deepEqual(names(plan?.kept), ['Headline', 'Label', 'Glyph']);
    assert.deepEqual(names(plan?.containers), ['Button', 'Icon']);
    assert.deepEqual(names(plan?.artwork), ['Background', 'Blob', 'Pill']);
  });

  test('nothing to keep, nothing kept asked, a hidden text only, or a root that is not a frame: no plan', () => {
    assert.equal(layerPlan(n('F', 'FRAME', [n('R', 'RECTANGLE')]), { text: true, vectors: true }), undefined);
    assert.equal(layerPlan(hero, { text: false, vectors: false }), undefined);
    assert.equal(layerPlan(n('F', 'FRAME', [n('T', 'TEXT', undefined, false)]), { text: true, vectors: false }), undefined);
    assert.equal(layerPlan(n('G', 'GROUP', [n('T', 'TEXT')]), { text: true, vectors: false }), undefined);
  });

  test('asked even without kept layers, a frame’s visible children are all artwork; still no plan for a group', () => {
    const plan = layerPlan(n('F', 'FRAME', [n('R', 'RECTANGLE'), n('H', 'TEXT', undefined, false)]), { text: true, vectors: false }, true);
    assert.deepEqual([names(plan?.kept), names(plan?.containers), names(plan?.artwork)], [[], [], ['R']]);
    assert.equal(layerPlan(n('G', 'GROUP', [n('R', 'RECTANGLE')]), { text: true, vectors: false }, true), undefined);
  });
});
