/** The longest sides at which a result and its painting are compared (see {@link paintingScale}). */
export interface PaintingScale {
  /** The result's longest side when compared: its own, or less when the painting was enlarged. */
  readonly result: number;
  /** The painting's longest side when compared: styleScale × the result's, never above its own. */
  readonly style: number;
}

type Size = { readonly width: number; readonly height: number };

/**
 * Where a result's marks are compared with the painting's, neither image enlarged: with R and P
 * the longest sides of the result and the painting and s = styleScale (the painting's longest
 * side over the result's as it was transferred, as in `stylize`), the common scale is
 * c = min(R, P / s); the result is compared at c and the painting at s·c. When the painting was
 * enlarged to the result (P < s·R) the result is brought down to the painting's own pixels, where
 * its marks are, instead of blurring the painting up; when the painting is larger, it is brought
 * down to the result's scale. Sides are rounded and at least 1.
 */
export function paintingScale(result: Size, style: Size, styleScale = 1): PaintingScale {
  if (!(Number.isFinite(styleScale) && styleScale > 0)) {
    throw new RangeError(`paintingScale: styleScale is ${styleScale}; expected a finite number > 0.`);
  }
  const common = Math.min(Math.max(result.width, result.height), Math.max(style.width, style.height) / styleScale);
  return { result: Math.max(1, Math.round(common)), style: Math.max(1, Math.round(common * styleScale)) };
}
