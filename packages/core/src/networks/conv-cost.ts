import type { ConvNetLayer } from './conv-net.js';

/**
 * Multiply-adds per input pixel of a {@link ConvNetLayer} stack's forward pass as far as the
 * deepest of `layers`: Σ over its convs up to there of kh·kw·C_in·C_out / 4^p, p the stride-2
 * pools before each (a pool halves both sides). The backward pass costs about twice as much over
 * the same layers, so ratios of this measure ratios of an iteration's cost; pools and ReLUs are
 * left out. 0 when none of `layers` is in the stack.
 */
export function convCostPerPixel(stack: readonly ConvNetLayer[], layers: readonly string[]): number {
  const deepest = Math.max(...layers.map((name) => stack.findIndex((layer) => layer.name === name)));
  let cost = 0;
  let area = 1;
  for (const layer of stack.slice(0, deepest + 1)) {
    if (layer.kind === 'pool') area /= 4;
    else cost += layer.filterShape.reduce((a, b) => a * b, 1) * area;
  }
  return cost;
}
