/**
 * Time left in a run from its progress. `StylizeProgress.fraction` is the share of the work done,
 * so `elapsed · (1 − f) / f` is the time left; the first iterations (GPU programs compiling, the
 * small stages) say little, so the rule waits for {@link TIME_LEFT_AFTER} and uses an estimate
 * made before the run until then. No imports that run.
 */
import type { StylizeProgress } from '@nst/core';

/** The time left is read from the progress once this share of the work is done and this much time has passed. */
export const TIME_LEFT_AFTER = { fraction: 0.03, ms: 2000 } as const;

/**
 * Seconds left in a run that reports `progress`: from its `fraction` and `elapsedMs` once both
 * pass {@link TIME_LEFT_AFTER}; before that `estimateSeconds` (the whole run's, made before it
 * started) less the time elapsed, or `undefined` when there is no estimate.
 */
export function timeLeftSeconds(progress: Pick<StylizeProgress, 'fraction' | 'elapsedMs'>, estimateSeconds?: number): number | undefined {
  const { fraction, elapsedMs } = progress;
  if (fraction >= TIME_LEFT_AFTER.fraction && elapsedMs >= TIME_LEFT_AFTER.ms)
    return (elapsedMs * (1 - Math.min(1, fraction))) / fraction / 1000;
  return estimateSeconds === undefined ? undefined : Math.max(0, estimateSeconds - elapsedMs / 1000);
}
