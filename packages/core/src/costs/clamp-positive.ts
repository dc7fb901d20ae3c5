/** The least a divisor may be: costs and weights are divided by their value at the start, which may be 0. */
export const LEAST_DIVISOR = 1e-12;

/**
 * `max(value, 1e-12)`: a reference cost (J_content(C, 0), J_style^l(S, C), TV(C)) or a weight made
 * safe to divide by, so that a zero one (a flat photo, a weight of 0) gives a large finite ratio,
 * not Infinity or NaN. Not a check: a bad option is refused where options are read.
 */
export const clampPositive = (value: number): number => Math.max(value, LEAST_DIVISOR);
