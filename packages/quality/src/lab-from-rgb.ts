import type { Image } from './image.js';

const XN = 0.95047;
const YN = 1;
const ZN = 1.08883;
const DELTA = 6 / 29;

/** sRGB decoding of each 8-bit value (IEC 61966-2-1). */
const LINEAR = Float64Array.from({ length: 256 }, (_, c) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
});

function encoded(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return c * 255;
}

function f(t: number): number {
  return t > DELTA ** 3 ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4 / 29;
}

function fInverse(t: number): number {
  return t > DELTA ? t ** 3 : 3 * DELTA * DELTA * (t - 4 / 29);
}

/**
 * CIE L*a*b* (D65) of every pixel, as [L, a, b, L, a, b, …]: sRGB decoded to linear (IEC
 * 61966-2-1), XYZ by the sRGB matrix, L* = 116 f(Y/Yn) − 16, a* = 500 (f(X/Xn) − f(Y/Yn)),
 * b* = 200 (f(Y/Yn) − f(Z/Zn)), f(t) = ∛t above (6/29)³ (CIE 15:2004). Euclidean distance is
 * ΔE*76; black is (0, 0, 0), white (100, 0, 0).
 */
export function labFromRgb(image: Image): Float64Array {
  const n = image.width * image.height;
  const lab = new Float64Array(3 * n);
  const { data } = image;
  for (let i = 0; i < n; i++) {
    const r = LINEAR[data[4 * i] ?? 0] ?? 0;
    const g = LINEAR[data[4 * i + 1] ?? 0] ?? 0;
    const b = LINEAR[data[4 * i + 2] ?? 0] ?? 0;
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN);
    const fy = f((0.2126729 * r + 0.7151522 * g + 0.072175 * b) / YN);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN);
    lab[3 * i] = 116 * fy - 16;
    lab[3 * i + 1] = 500 * (fx - fy);
    lab[3 * i + 2] = 200 * (fy - fz);
  }
  return lab;
}

/**
 * The inverse of {@link labFromRgb}, out-of-gamut colours clipped per channel, rounded to 8 bits;
 * alpha is taken from `alphaFrom` (opaque without it).
 */
export function rgbFromLab(lab: Float64Array, width: number, height: number, alphaFrom?: Image): Image {
  const n = width * height;
  const data = new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    const fy = ((lab[3 * i] ?? 0) + 16) / 116;
    const fx = fy + (lab[3 * i + 1] ?? 0) / 500;
    const fz = fy - (lab[3 * i + 2] ?? 0) / 200;
    const x = XN * fInverse(fx);
    const y = YN * fInverse(fy);
    const z = ZN * fInverse(fz);
    data[4 * i] = Math.round(encoded(Math.max(0, 3.2404542 * x - 1.5371385 * y - 0.4985314 * z)));
    data[4 * i + 1] = Math.round(encoded(Math.max(0, -0.969266 * x + 1.8760108 * y + 0.041556 * z)));
    data[4 * i + 2] = Math.round(encoded(Math.max(0, 0.0556434 * x - 0.2040259 * y + 1.0572252 * z)));
    data[4 * i + 3] = alphaFrom ? (alphaFrom.data[4 * i + 3] ?? 255) : 255;
  }
  return { width, height, data };
}
