import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateStyleJobSeconds } from '@nst/browser/estimate-style-job';
import { DEFAULT_SETTINGS } from '../settings.js';
import { estimateRunJobs, runTimeLeft, totalSeconds } from './run-estimate.js';

const speed = { secondsPerPixelIteration: 1e-6 };
const node = (name: string, width: number, height: number) => ({ id: name, name, width, height });

describe('the run estimate', () => {
  test('one estimate per job, at each layer’s export size; variations repeat each layer’s', () => {
    const nodes = [node('wide', 2000, 1000), node('small', 100, 50), node('flat', 0, 10)];
    const high = { ...DEFAULT_SETTINGS, size: 1024, iterations: 150 };
    const jobs = estimateRunJobs(nodes, high, speed);
    assert.deepEqual(jobs, [
      estimateStyleJobSeconds({ width: 1024, height: 512, iterations: 150 }, speed),
      estimateStyleJobSeconds({ width: 1024, height: 512, iterations: 150 }, speed),
      0,
    ]);
    const full = estimateRunJobs(nodes, { ...high, size: 0 }, speed);
    assert.deepEqual(full.slice(0, 2), [
      estimateStyleJobSeconds({ width: 2000, height: 1000, iterations: 150 }, speed),
      estimateStyleJobSeconds({ width: 100, height: 50, iterations: 150 }, speed),
    ]);
    const varied = estimateRunJobs(
      nodes.slice(0, 2),
      { ...high, variations: true, variationStyles: ['a', 'b'], variationStrengths: [0.25, 0.75] },
      speed,
    );
    assert.equal(varied.length, 8);
    assert.ok(Math.abs(totalSeconds(varied) - 4 * totalSeconds(jobs)) < 1e-9, `${totalSeconds(varied)} vs 4 × ${totalSeconds(jobs)}`);
  });

  test('time left: this job’s from its progress, then the later jobs’ estimates', () => {
    const job = { index: 2, total: 3 };
    assert.equal(runTimeLeft([10, 20, 30], job, { fraction: 0.5, elapsedMs: 8000 }), 8 + 30);
    assert.equal(runTimeLeft([10, 20, 30], job, { fraction: 0.01, elapsedMs: 500 }), 19.5 + 30, 'its estimate before 3 % and 2 s');
    assert.equal(
      runTimeLeft(undefined, job, { fraction: 0.5, elapsedMs: 8000 }),
      8 + 16,
      'without estimates, later jobs as long as this one',
    );
    assert.equal(runTimeLeft([10, 20], job, { fraction: 0.5, elapsedMs: 8000 }), 8 + 16, 'estimates of other jobs are not used');
    assert.equal(runTimeLeft(undefined, job, { fraction: 0.01, elapsedMs: 500 }), undefined);
  });
});
