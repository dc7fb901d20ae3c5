import { greyLevels } from './grey-levels.js';
import type { Image } from './image.js';
import { ORIENTATIONS, SCALES, orientedEnergies } from './oriented-energies.js';
import { pearsonCorrelation } from './pearson-correlation.js';

const BANDS = SCALES * ORIENTATIONS;
/** Below this total mean energy (grey levels in [0, 1]) the image is flat: rounding noise only. */
const FLAT = 1e-9;
/** A band with less than this share of the total is empty: its variation and correlations are 0. */
const EMPTY = 1e-6;

/** Where each group of statistics starts in the vector returned by {@link textureStatistics}. */
export const TEXTURE_STATISTICS_LAYOUT = {
  logEnergyShare: 0,
  variation: BANDS,
  orientationCorrelation: 2 * BANDS,
  scaleCorrelation: 3 * BANDS,
  length: 3 * BANDS + (SCALES - 1) * ORIENTATIONS,
} as const;

/** The coarser map on the finer grid, by nearest neighbour: out(x, y) = in(⌊x/2⌋, ⌊y/2⌋). */
function upsample(coarse: Float64Array, coarseWidth: number, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = (y >> 1) * coarseWidth;
    for (let x = 0; x < width; x++) out[y * width + x] = coarse[row + (x >> 1)] ?? 0;
  }
  return out;
}

/**
 * Texture statistics of the grey levels (Rec. 601 luma), after Portilla & Simoncelli (2000,
 * "A parametric texture model based on joint statistics of complex wavelet coefficients", IJCV
 * 40(1)): for the 16 bands b = 4·scale + orientation of {@link orientedEnergies} (4 scales,
 * 4 orientations), with local energy mᵦ(x) = |Gabor response|, μᵦ = mean mᵦ, σᵦ = std mᵦ:
 *
 * - [0, 16): ln(μᵦ / Σ μ + 10⁻⁶), the share of energy in each band (spectral shape: brush size
 *   and stroke direction);
 * - [16, 32): σᵦ / μᵦ, the coefficient of variation (sparse strokes and edges vs even grain);
 * - [32, 48): corr(m_{s,o}, m_{s,o+1 mod 4}), energies at neighbouring orientations (corners,
 *   crossings);
 * - [48, 60): corr(m_{s,o}, m_{s+1,o}↑), energies at neighbouring scales, the coarser map
 *   upsampled by nearest neighbour (edges that persist across scales vs independent grain).
 *
 * Every component is invariant to a grey-level gain and offset I → aI + b (a > 0), so overall
 * contrast and brightness, which the colour metric judges, never enter; means over pixels, so
 * images of different sizes compare. A band with under 10⁻⁶ of the energy counts as empty (its
 * variation and correlations 0), and a flat image (total < 10⁻⁹) has shares 1/16 and zeros
 * elsewhere, so floating-point noise never becomes texture.
 */
export function textureStatistics(image: Image): Float64Array {
  const bands = orientedEnergies(greyLevels(image), image.width, image.height);
  const stats = new Float64Array(TEXTURE_STATISTICS_LAYOUT.length);
  const means = bands.map((band) => band.magnitude.reduce((s, v) => s + v, 0) / band.magnitude.length);
  const sum = means.reduce((s, v) => s + v, 0);
  const total = sum > FLAT ? sum : 0;
  const empty = means.map((mean) => total === 0 || mean <= EMPTY * total);
  bands.forEach((band, b) => {
    const mean = empty[b] ? 0 : (means[b] ?? 0);
    const share = total > 0 ? mean / total : 1 / BANDS;
    stats[TEXTURE_STATISTICS_LAYOUT.logEnergyShare + b] = Math.log(share + 1e-6);
    let squares = 0;
    for (const v of band.magnitude) squares += (v - mean) * (v - mean);
    const std = Math.sqrt(squares / band.magnitude.length);
    stats[TEXTURE_STATISTICS_LAYOUT.variation + b] = mean > 0 ? std / mean : 0;
  });
  for (let s = 0; s < SCALES; s++) {
    for (let o = 0; o < ORIENTATIONS; o++) {
      const band = bands[s * ORIENTATIONS + o];
      const next = bands[s * ORIENTATIONS + ((o + 1) % ORIENTATIONS)];
      if (!band || !next || empty[s * ORIENTATIONS + o]) continue;
      if (!empty[s * ORIENTATIONS + ((o + 1) % ORIENTATIONS)]) {
        stats[TEXTURE_STATISTICS_LAYOUT.orientationCorrelation + s * ORIENTATIONS + o] = pearsonCorrelation(band.magnitude, next.magnitude);
      }
      const coarse = bands[(s + 1) * ORIENTATIONS + o];
      if (!coarse || empty[(s + 1) * ORIENTATIONS + o]) continue;
      stats[TEXTURE_STATISTICS_LAYOUT.scaleCorrelation + s * ORIENTATIONS + o] = pearsonCorrelation(
        band.magnitude,
        upsample(coarse.magnitude, coarse.width, band.width, band.height),
      );
    }
  }
  return stats;
}
