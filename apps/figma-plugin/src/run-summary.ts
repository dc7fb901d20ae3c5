/** The short summary of a finished run for Figma's toast (the UI words its own from `done`). */
import type { SkippedNode } from './protocol.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * "Styled 2 layers." or "Cancelled: styled 1 copy; skipped 1 copy: “A”: why.", and whether it is an
 * error (nothing placed and something skipped). `copies`: whether each layer had several styled copies.
 */
export function runSummary(
  placed: number,
  skipped: readonly SkippedNode[],
  cancelled: boolean,
  copies: boolean,
): { readonly message: string; readonly error: boolean } {
  const [what, many] = copies ? ['copy', 'copies'] : ['layer', 'layers'];
  const summary = `${cancelled ? 'Cancelled: styled' : 'Styled'} ${plural(placed, what, many)}`;
  const first = skipped[0];
  if (first === undefined) return { message: `${summary}.`, error: false };
  return { message: `${summary}; skipped ${plural(skipped.length, what, many)}: “${first.name}”: ${first.reason}.`, error: placed === 0 };
}
