import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_IMAGE_SIDE } from '@nst/core';
import { FIGMA_MAX_IMAGE_SIDE, exportPlan, refitPlan } from './export-plan.js';

describe('exportPlan', () => {
  test('Figma’s limit is one @nst/core can style (the UI decodes and styles exports at their own size)', () => {
    assert.ok(FIGMA_MAX_IMAGE_SIDE <= MAX_IMAGE_SIDE);
  });

  test('fits the longest side to the size asked, keeping the aspect ratio', () => {
    assert.deepEqual(exportPlan(1366, 768, 512), { constraint: { type: 'WIDTH', value: 512 }, width: 512, height: 288, downscaled: false });
    assert.deepEqual(exportPlan(300, 900, 600), { constraint: { type: 'HEIGHT', value: 600 }, width: 200, height: 600, downscaled: false });
  });

  test('never asks Figma for an image above 4096 px, and says so', () => {
    const plan = exportPlan(1366, 768, 3 * 1366);
    assert.deepEqual(plan.constraint, { type: 'WIDTH', value: 4096 });
    assert.equal(plan.downscaled, true);
  });
});

describe('exportPlan at the node size', () => {
  test('size 0 exports at 1×, and a node over 4096 px is exported at 4096', () => {
    assert.deepEqual(exportPlan(800, 600, 0), { constraint: { type: 'WIDTH', value: 800 }, width: 800, height: 600, downscaled: false });
    assert.deepEqual(exportPlan(2000, 6000, 0), {
      constraint: { type: 'HEIGHT', value: 4096 },
      width: 1365,
      height: 4096,
      downscaled: true,
    });
  });
});

describe('refitPlan', () => {
  test('refitPlan: an export over 4096 px is asked again, smaller by as much as it was over', () => {
    const plan = exportPlan(4096, 4000, 0);
    assert.equal(refitPlan(plan, { width: 4096, height: 4000 }), undefined);
    const refit = refitPlan(plan, { width: 4096, height: 4200 });
    assert.deepEqual(refit, { constraint: { type: 'WIDTH', value: 3994 }, width: 3994, height: 4096, downscaled: true });
  });
});
