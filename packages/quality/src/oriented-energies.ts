import { reflectIndex } from './reflect-index.js';

/** Number of pyramid scales, each half the size of the previous. */
export const SCALES = 4;
/** Number of orientations per scale: θ = kπ/4, k = 0 … 3. */
export const ORIENTATIONS = 4;

const RADIUS = 4;
const SIGMA = 1.5;
const OMEGA = Math.PI / 2;

/** One band's local energy map: the Gabor magnitude at every sample of its pyramid level. */
export interface EnergyBand {
  readonly scale: number;
  readonly orientation: number;
  readonly width: number;
  readonly height: number;
  readonly magnitude: Float64Array;
}

/** One orientation's separable factors: g(x, y) = h(x) v(y), and its zero-mean correction. */
interface Kernel {
  readonly hRe: Float64Array;
  readonly hIm: Float64Array;
  readonly vRe: Float64Array;
  readonly vIm: Float64Array;
  /** k = Σ Re g / Σ e: the real part's mean, removed as k·e. */
  readonly dc: number;
}

const ENVELOPE = Float64Array.from({ length: 2 * RADIUS + 1 }, (_, i) => Math.exp(-((i - RADIUS) ** 2) / (2 * SIGMA * SIGMA)));
const ENVELOPE_SUM = ENVELOPE.reduce((s, v) => s + v, 0) ** 2;
/** Scales a unit-amplitude sinusoid of the matching frequency and orientation to magnitude ≈ 1. */
const NORM = 2 / ENVELOPE_SUM;

/**
 * The complex Gabor g(x, y) = e^{−(x² + y²)/2σ²} e^{iω(x cos θ + y sin θ)}, σ = 1.5, ω = π/2
 * (a 4-px period), 9×9, is separable: h(x) = e^{−x²/2σ²} e^{iωx cos θ}, v(y) likewise with
 * sin θ. Its real part is made zero-mean, Re g − k·e with e the Gaussian envelope, so flat
 * regions give no energy.
 */
function gaborKernel(theta: number): Kernel {
  const size = 2 * RADIUS + 1;
  const hRe = new Float64Array(size);
  const hIm = new Float64Array(size);
  const vRe = new Float64Array(size);
  const vIm = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const t = i - RADIUS;
    const e = ENVELOPE[i] ?? 0;
    hRe[i] = e * Math.cos(OMEGA * t * Math.cos(theta));
    hIm[i] = e * Math.sin(OMEGA * t * Math.cos(theta));
    vRe[i] = e * Math.cos(OMEGA * t * Math.sin(theta));
    vIm[i] = e * Math.sin(OMEGA * t * Math.sin(theta));
  }
  let reSum = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      reSum += (hRe[x] ?? 0) * (vRe[y] ?? 0) - (hIm[x] ?? 0) * (vIm[y] ?? 0);
    }
  }
  return { hRe, hIm, vRe, vIm, dc: reSum / ENVELOPE_SUM };
}

const KERNELS: readonly Kernel[] = Array.from({ length: ORIENTATIONS }, (_, o) => gaborKernel((o * Math.PI) / ORIENTATIONS));

/** One level of the Gaussian pyramid: blur by the binomial [1 4 6 4 1]/16 (separable), keep every other sample. */
function reduce(plane: Float64Array, width: number, height: number): { plane: Float64Array; width: number; height: number } {
  const taps = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16];
  const w2 = Math.ceil(width / 2);
  const h2 = Math.ceil(height / 2);
  const rows = new Float64Array(height * w2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < w2; x++) {
      let sum = 0;
      for (let i = -2; i <= 2; i++) sum += (taps[i + 2] ?? 0) * (plane[y * width + reflectIndex(2 * x + i, width)] ?? 0);
      rows[y * w2 + x] = sum;
    }
  }
  const out = new Float64Array(w2 * h2);
  for (let y = 0; y < h2; y++) {
    for (let x = 0; x < w2; x++) {
      let sum = 0;
      for (let j = -2; j <= 2; j++) sum += (taps[j + 2] ?? 0) * (rows[reflectIndex(2 * y + j, height) * w2 + x] ?? 0);
      out[y * w2 + x] = sum;
    }
  }
  return { plane: out, width: w2, height: h2 };
}

/** Gabor magnitudes of one pyramid level at every orientation (borders by half-sample reflection). */
function gaborMagnitudes(plane: Float64Array, width: number, height: number): Float64Array[] {
  const size = 2 * RADIUS + 1;
  const pw = width + 2 * RADIUS;
  const ph = height + 2 * RADIUS;
  const padded = new Float64Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    const sy = reflectIndex(y - RADIUS, height);
    for (let x = 0; x < pw; x++) padded[y * pw + x] = plane[sy * width + reflectIndex(x - RADIUS, width)] ?? 0;
  }
  // Row pass of the envelope alone (for the zero-mean correction), then columns.
  const rowBlur = rowPass(padded, pw, ph, width, ENVELOPE);
  const blur = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += (ENVELOPE[k] ?? 0) * (rowBlur[(y + k) * width + x] ?? 0);
      blur[y * width + x] = sum;
    }
  }
  return KERNELS.map(({ hRe, hIm, vRe, vIm, dc }) => {
    const rowRe = rowPass(padded, pw, ph, width, hRe);
    const rowIm = rowPass(padded, pw, ph, width, hIm);
    const out = new Float64Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let re = 0;
        let im = 0;
        for (let k = 0; k < size; k++) {
          const i = (y + k) * width + x;
          const a = rowRe[i] ?? 0;
          const b = rowIm[i] ?? 0;
          const c = vRe[k] ?? 0;
          const d = vIm[k] ?? 0;
          re += a * c - b * d;
          im += a * d + b * c;
        }
        const i = y * width + x;
        out[i] = NORM * Math.hypot(re - dc * (blur[i] ?? 0), im);
      }
    }
    return out;
  });
}

/** Σₖ taps(k) P(x + k, y) for every padded row y and output column x. */
function rowPass(padded: Float64Array, pw: number, ph: number, width: number, taps: Float64Array): Float64Array {
  const out = new Float64Array(width * ph);
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < taps.length; k++) sum += (taps[k] ?? 0) * (padded[y * pw + x + k] ?? 0);
      out[y * width + x] = sum;
    }
  }
  return out;
}

/**
 * Local energies of an oriented band-pass bank without FFT: a Gaussian pyramid of {@link SCALES}
 * levels (binomial 5-tap blur, then halving; Burt & Adelson 1983), and at each level the
 * magnitude |(I ∗ g_θ)(x, y)| of a complex Gabor g_θ at θ = 0°, 45°, 90°, 135° (σ = 1.5 px,
 * period 4 px, i.e. about one octave per level). θ = 0° responds to intensity varying along x,
 * i.e. vertical stripes. A poor man's steerable pyramid (Simoncelli & Freeman 1995).
 */
export function orientedEnergies(grey: Float64Array, width: number, height: number): EnergyBand[] {
  const bands: EnergyBand[] = [];
  let level = { plane: grey, width, height };
  for (let scale = 0; scale < SCALES; scale++) {
    if (scale > 0) level = reduce(level.plane, level.width, level.height);
    const magnitudes = gaborMagnitudes(level.plane, level.width, level.height);
    magnitudes.forEach((magnitude, orientation) => bands.push({ scale, orientation, width: level.width, height: level.height, magnitude }));
  }
  return bands;
}
