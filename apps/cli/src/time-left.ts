import type { StylizeProgress } from '@nst/core';

/**
 * Share of the run after which the speed is measured. Before it come the first iteration (the
 * backend's programs compiling) and the small stages, which cost far more per pixel than their
 * share of the work says: a default run's first time left was two hours for a 37 s run.
 */
export const MEASURE_FROM = 0.05;

/** Share of the run the speed is measured over before a time left is shown. */
export const MEASURE_OVER = 0.05;

/**
 * The time left in a run, from its progress reports: `undefined` until it can be estimated, then
 * the rate measured since {@link MEASURE_FROM} of the work over what is left.
 */
export class TimeLeft {
  #from: { readonly elapsedMs: number; readonly fraction: number } | undefined;

  /** Milliseconds left after the report `p`, or `undefined` while too little has been measured. */
  update(p: Pick<StylizeProgress, 'elapsedMs' | 'fraction'>): number | undefined {
    if (p.fraction >= 1) return 0;
    if (this.#from === undefined) {
      if (p.fraction >= MEASURE_FROM) this.#from = { elapsedMs: p.elapsedMs, fraction: p.fraction };
      return undefined;
    }
    const measured = p.fraction - this.#from.fraction;
    if (measured < MEASURE_OVER) return undefined;
    return ((p.elapsedMs - this.#from.elapsedMs) / measured) * (1 - p.fraction);
  }
}
