import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convCostPerPixel } from './conv-cost.js';
import type { ConvNetLayer } from './conv-net.js';

const conv = (name: string, inC: number, outC: number): ConvNetLayer => ({
  kind: 'conv',
  name,
  filterShape: [3, 3, inC, outC],
  filter: new Float32Array(9 * inC * outC),
  bias: new Float32Array(outC),
});
const stack: ConvNetLayer[] = [conv('c1', 3, 4), { kind: 'pool', name: 'p1', mode: 'avg' }, conv('c2', 4, 8), conv('c3', 8, 8)];

test('convCostPerPixel: multiply-adds up to the deepest layer asked, a quarter after each pool', () => {
  assert.equal(convCostPerPixel(stack, ['c1']), 9 * 3 * 4);
  assert.equal(convCostPerPixel(stack, ['c1', 'c2']), 9 * 3 * 4 + (9 * 4 * 8) / 4);
  assert.equal(convCostPerPixel(stack, ['c3', 'c1']), 9 * 3 * 4 + (9 * 4 * 8) / 4 + (9 * 8 * 8) / 4);
  assert.equal(convCostPerPixel(stack, ['nowhere']), 0);
});
