import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runSummary } from './run-summary.js';

describe('runSummary', () => {
  test('counts layers or copies, names the first skipped one, and is an error only when nothing was placed', () => {
    assert.deepEqual(runSummary(2, [], false, false), { message: 'Styled 2 layers.', error: false });
    assert.deepEqual(runSummary(1, [{ name: 'A · Gravel', reason: 'out of memory' }], true, true), {
      message: 'Cancelled: styled 1 copy; skipped 1 copy: “A · Gravel”: out of memory.',
      error: false,
    });
    assert.equal(runSummary(0, [{ name: 'A', reason: 'why' }], false, false).error, true);
  });
});
