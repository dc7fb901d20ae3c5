import type { StylizeSpeed } from '@nst/core';

/** A speed measured for a UI (`StyleRunner.measureSpeed`): core's, and the tile workers a job will have. */
export interface JobSpeed extends StylizeSpeed {
  /** The page's tile workers (absent or 1: tiles in the page). */
  readonly workers?: number;
}
