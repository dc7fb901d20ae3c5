/**
 * One level down a Gaussian-like pyramid, and its adjoint, on RGB {@link Pixels}: a stage's style
 * levels (`style-level-objective.ts`) match the painting on the image halved, and send that
 * level's gradient back through the same linear map. The filter is the binomial [1, 3, 3, 1] / 8
 * at stride 2 along each axis (bilinear halving: smooth enough that the level does not alias), the
 * edges mirrored.
 */
import type { Pixels } from './pixels.js';

const TAPS = [1 / 8, 3 / 8, 3 / 8, 1 / 8] as const;

/** The side of a halved axis of `n` pixels: ⌈n / 2⌉. */
export const halvedSide = (n: number): number => Math.ceil(n / 2);

/** Source index of tap `t` of output `i` on an axis of `n`, mirrored at the edges (−1 → 0, n → n − 1). */
const source = (i: number, t: number, n: number): number => {
  const j = 2 * i - 1 + t;
  return j < 0 ? -1 - j : j >= n ? Math.max(0, 2 * n - 1 - j) : j;
};

/** Where sample `k` of line `line` is, in floats, on the long side (`long`) and on the halved side (`short`). */
interface Axis {
  readonly n: number;
  readonly lines: number;
  long(line: number, k: number): number;
  short(line: number, k: number): number;
}

/** Halves along one axis (long → short), or applies its adjoint (short → long, added into `to`). */
function pass(from: Float32Array, to: Float32Array, axis: Axis, adjoint: boolean): void {
  for (let line = 0; line < axis.lines; line++) {
    for (let i = 0; i < halvedSide(axis.n); i++) {
      const at = axis.short(line, i);
      for (let t = 0; t < 4; t++) {
        const s = axis.long(line, source(i, t, axis.n));
        const tap = TAPS[t]!;
        if (adjoint) for (let c = 0; c < 3; c++) to[s + c]! += tap * from[at + c]!;
        else for (let c = 0; c < 3; c++) to[at + c]! += tap * from[s + c]!;
      }
    }
  }
}

/** The two passes of a `width` × `height` image: along rows (to ⌈w/2⌉ × h), then along columns (to ⌈w/2⌉ × ⌈h/2⌉). */
function axes(width: number, height: number): readonly [Axis, Axis] {
  const w = halvedSide(width);
  return [
    { n: width, lines: height, long: (y, x) => (y * width + x) * 3, short: (y, x) => (y * w + x) * 3 },
    { n: height, lines: w, long: (x, y) => (y * w + x) * 3, short: (x, y) => (y * w + x) * 3 },
  ];
}

/** `image` halved, ⌈w/2⌉ × ⌈h/2⌉: each axis filtered by [1, 3, 3, 1] / 8 at stride 2. */
export function halvePixels({ data, width, height }: Pixels): Pixels {
  const [rows, columns] = axes(width, height);
  const w = halvedSide(width);
  const h = halvedSide(height);
  const across = new Float32Array(w * height * 3);
  pass(data, across, rows, false);
  const out = new Float32Array(w * h * 3);
  pass(across, out, columns, false);
  return { data: out, width: w, height: h };
}

/**
 * Adds the adjoint of {@link halvePixels} applied to `gradient` (∂J/∂ the halved image) into
 * `target` (∂J/∂ the `width` × `height` image): the chain rule through the halving.
 */
export function addHalvedAdjoint(target: Float32Array, width: number, height: number, gradient: Float32Array): void {
  const [rows, columns] = axes(width, height);
  const across = new Float32Array(halvedSide(width) * height * 3);
  pass(gradient, across, columns, true);
  pass(across, target, rows, true);
}
