import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportPlan } from './export-plan.js';

describe('exportPlan', () => {
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
