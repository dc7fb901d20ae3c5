import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportFailureReason } from './export-failure.js';

describe('exportFailureReason', () => {
  test('an export that renders nothing is skipped in plain words; other refusals quote Figma', () => {
    const empty = 'Failed to export node. This node may not have any visible layers.';
    assert.match(exportFailureReason(empty, true), /^there is nothing to style in it but its text/);
    assert.equal(exportFailureReason(empty, false), 'there is nothing visible in it to style');
    assert.equal(exportFailureReason('Out of memory', false), 'Figma could not export it (Out of memory)');
  });
});
