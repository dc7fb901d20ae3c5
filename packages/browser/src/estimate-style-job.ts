/**
 * How long a style job will take on this machine, before it runs: @nst/core's
 * `estimateStylizeSeconds` for the schedule {@link runStyleJob} would run on an image of the job's
 * size. Only sizes matter to the estimate, so no pixels are made for it.
 */
import { estimateStylizeSeconds } from '@nst/core';
import type { JobSpeed } from './job-speed.js';
import { jobMaxSize, type StyleJobSettings } from './style-job.js';

export type { JobSpeed } from './job-speed.js';

/** What an estimate needs of a job: the content's size, and the settings that set the work (the network: its deeper layers at large sizes cost more). */
export interface StyleJobSize extends Pick<StyleJobSettings, 'maxSize' | 'iterations' | 'network'> {
  readonly width: number;
  readonly height: number;
}

/** Seconds a job of `job`'s size and settings should take at `speed` (measured by `StyleRunner.measureSpeed`), its tiles on `speed.workers`. */
export function estimateStyleJobSeconds(job: StyleJobSize, speed: JobSpeed): number {
  const { width, height, iterations, network } = job;
  const maxSize = jobMaxSize(job.maxSize, { width, height });
  const workers = speed.workers ?? 1;
  return estimateStylizeSeconds(
    { content: { width, height }, maxSize, iterations, ...(workers > 1 ? { workers } : {}), ...(network !== undefined ? { network } : {}) },
    speed,
  );
}
