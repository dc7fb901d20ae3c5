import type { StylizeProgress } from '@nst/core';

/** A {@link StylizeProgress} for tests: the one iteration of one stage done, every cost 0, unless `overrides` say. */
export const stylizeProgress = (overrides: Partial<StylizeProgress> = {}): StylizeProgress => ({
  iteration: 1,
  iterations: 1,
  stage: 1,
  stages: 1,
  loss: 0,
  contentLoss: 0,
  styleLoss: 0,
  elapsedMs: 0,
  fraction: 1,
  ...overrides,
});
