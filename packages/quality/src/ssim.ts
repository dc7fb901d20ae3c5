import { greyLevels } from './grey-levels.js';
import type { Image } from './image.js';
import { assertSameSize } from './image-size-mismatch-error.js';
import { gaussianKernel, separableFilter } from './separable-filter.js';

const WINDOW = gaussianKernel(1.5, 5);
const C1 = 0.01 ** 2;
const C2 = 0.03 ** 2;

/**
 * Mean structural similarity of the grey levels (Wang, Bovik, Sheikh & Simoncelli 2004, "Image
 * quality assessment: from error visibility to structural similarity", IEEE TIP 13(4)):
 * SSIM(x) = (2μₐμᵦ + C₁)(2σₐᵦ + C₂) / ((μₐ² + μᵦ² + C₁)(σₐ² + σᵦ² + C₂)), local moments under an
 * 11×11 Gaussian window (σ = 1.5), grey levels Rec. 601 luma in [0, 1], C₁ = 0.01², C₂ = 0.03²,
 * borders by reflection, averaged over every pixel. In [−1, 1], symmetric, 1 for equal images.
 * Throws {@link ImageSizeMismatchError} when the sizes differ.
 */
export function ssim(a: Image, b: Image): number {
  assertSameSize(a, b);
  const { width, height } = a;
  const x = greyLevels(a);
  const y = greyLevels(b);
  const xx = x.map((v) => v * v);
  const yy = y.map((v) => v * v);
  const xy = x.map((v, i) => v * (y[i] ?? 0));
  const [mx, my, mxx, myy, mxy] = [x, y, xx, yy, xy].map((p) => separableFilter(p, width, height, WINDOW));
  if (!mx || !my || !mxx || !myy || !mxy) throw new Error('five moments expected');
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const ma = mx[i] ?? 0;
    const mb = my[i] ?? 0;
    const va = (mxx[i] ?? 0) - ma * ma;
    const vb = (myy[i] ?? 0) - mb * mb;
    const cov = (mxy[i] ?? 0) - ma * mb;
    sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
  }
  return sum / x.length;
}
