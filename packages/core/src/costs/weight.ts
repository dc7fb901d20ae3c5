import { InvalidWeightError } from '../errors.js';

/** Returns `value` if it is a finite number ≥ 0; else throws {@link InvalidWeightError} naming it. */
export function assertWeight(value: number, caller: string, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidWeightError(`${caller}: ${name} is ${String(value)}; weights must be finite numbers ≥ 0.`);
  }
  return value;
}
