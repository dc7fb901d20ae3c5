import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StylizeProgress } from '@nst/core';
import { stylizeProgress } from '@nst/testing/stylize-progress';
import { progressPrinter } from './progress-bar.js';
import { TimeLeft } from './time-left.js';

/**
 * A default run's reports, as one on wasm on 2 cores made them (36.6 s): 100 iterations over 5
 * stages of 1, 4, 16, 64 and 256 units of pixels, 20 each; a second of warm-up in the first, and
 * each iteration 0.05 s plus 4.5 ms a unit.
 */
function defaultRun(): { progress: StylizeProgress; totalMs: number }[] {
  const units = [1, 4, 16, 64, 256];
  const work = units.reduce((sum, u) => sum + 20 * u, 0);
  const reports: StylizeProgress[] = [];
  let elapsedMs = 1000;
  let done = 0;
  units.forEach((u, stage) => {
    for (let i = 0; i < 20; i++) {
      elapsedMs += 50 + 4.5 * u;
      done += u;
      const iteration = stage * 20 + i + 1;
      reports.push(stylizeProgress({ iteration, iterations: 100, stage: stage + 1, stages: 5, elapsedMs, fraction: done / work }));
    }
  });
  return reports.map((progress) => ({ progress, totalMs: elapsedMs }));
}

describe('time left', () => {
  test('none until it can be estimated, then within a factor of 1.5 of the truth', () => {
    const timeLeft = new TimeLeft();
    const shown = defaultRun().flatMap(({ progress, totalMs }) => {
      const left = timeLeft.update(progress);
      return left === undefined ? [] : [{ left, truth: totalMs - progress.elapsedMs, iteration: progress.iteration }];
    });
    assert.ok(shown.length > 20, `a time left for most of the run's time: ${shown.length} reports`);
    for (const { left, truth, iteration } of shown)
      assert.ok(left <= truth * 1.5 + 500 && left >= truth / 1.5 - 500, `iteration ${iteration}: ${left} ms shown, ${truth} ms left`);
  });

  test("a plain log's first line has no time left (it said ETA 2h for a 37 s run)", () => {
    let text = '';
    const printer = progressPrinter({ isTTY: false, columns: 120, write: (s: string) => ((text += s), true) }, {});
    for (const { progress } of defaultRun()) printer.update(progress);
    const lines = text.trimEnd().split('\n');
    assert.doesNotMatch(lines[0]!, /ETA/);
    assert.ok(
      lines.some((line) => /ETA [\d.]+s$/.test(line)),
      'a time left once it can be estimated',
    );
    for (const line of lines) assert.doesNotMatch(line, /ETA \d+m/, 'no time left of a minute or more in a 37 s run');
  });
});
