import type { Image } from './image.js';
import { labFromRgb, rgbFromLab } from './lab-from-rgb.js';

/** Index of the first element of sorted `s` that is ≥ v (or > v when `strict`). */
function bound(s: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = s[mid] ?? 0;
    if (x < v || (strict && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The colour-only baseline: the content recoloured with the style's colour distribution, its
 * structure unchanged. Per-channel histogram matching in CIE L*a*b* (a nearly decorrelated
 * opponent space, as in Reinhard, Ashikhmin, Gooch & Shirley 2001, "Color transfer between
 * images", who match mean and deviation in lαβ; here the whole marginal is matched): each content
 * value v of a channel goes to the style's quantile Q_S(t), t = midrank(v) / (n − 1), linear
 * between samples, so equal values stay equal. Alpha is kept; out-of-gamut colours are clipped.
 * An image recoloured with itself comes back unchanged up to 8-bit rounding.
 */
export function colourTransfer(content: Image, style: Image): Image {
  const source = labFromRgb(content);
  const target = labFromRgb(style);
  const n = content.width * content.height;
  const m = style.width * style.height;
  const out = new Float64Array(source.length);
  for (let c = 0; c < 3; c++) {
    const s = new Float64Array(n);
    const t = new Float64Array(m);
    for (let i = 0; i < n; i++) s[i] = source[3 * i + c] ?? 0;
    for (let i = 0; i < m; i++) t[i] = target[3 * i + c] ?? 0;
    const sorted = s.slice().sort();
    t.sort();
    for (let i = 0; i < n; i++) {
      const v = s[i] ?? 0;
      const midrank = (bound(sorted, v, false) + bound(sorted, v, true) - 1) / 2;
      const position = n > 1 ? (midrank / (n - 1)) * (m - 1) : (m - 1) / 2;
      const lo = Math.floor(position);
      const frac = position - lo;
      const a = t[lo] ?? 0;
      const b = t[Math.min(m - 1, lo + 1)] ?? a;
      out[3 * i + c] = a + frac * (b - a);
    }
  }
  return rgbFromLab(out, content.width, content.height, content);
}
