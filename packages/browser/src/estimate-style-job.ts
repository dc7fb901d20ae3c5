/**
 * How long a style job will take on this machine, before it runs: @nst/core's
 * `estimateStylizeSeconds` for the schedule {@link runStyleJob} would run on an image of the job's
 * size. Only sizes matter to the estimate, so no pixels are made for it.
 */
import { estimateStylizeSeconds, type StylizeSpeed } from '@nst/core';
import { jobMaxSize, type StyleJobSettings } from './style-job.js';

/** What an estimate needs of a job: the content's size, and the settings that set the work. */
export interface StyleJobSize extends Pick<StyleJobSettings, 'maxSize' | 'iterations'> {
  readonly width: number;
  readonly height: number;
}

/** A speed measured for a UI (`StyleRunner.measureSpeed`): core's, and the tile workers a job will have. */
export interface JobSpeed extends StylizeSpeed {
  /** The page's tile workers (absent or 1: tiles in the page). */
  readonly workers?: number;
}

/** Seconds a job of `job`'s size and settings should take at `speed` (measured by `StyleRunner.measureSpeed`), its tiles on `speed.workers`. */
export function estimateStyleJobSeconds(job: StyleJobSize, speed: JobSpeed): number {
  const { width, height, iterations } = job;
  const maxSize = jobMaxSize(job.maxSize, { width, height });
  const workers = speed.workers ?? 1;
  return estimateStylizeSeconds({ content: { width, height }, maxSize, iterations, ...(workers > 1 ? { workers } : {}) }, speed);
}
