import { reflectIndex } from './reflect-index.js';

/**
 * Convolves a `width`×`height` plane with the separable kernel `kernel ⊗ kernel` (odd length,
 * centred), borders by half-sample reflection: out(x, y) = Σᵢ Σⱼ k(i) k(j) in(x + i, y + j).
 */
export function separableFilter(plane: Float64Array, width: number, height: number, kernel: Float64Array): Float64Array {
  const radius = (kernel.length - 1) / 2;
  const rows = new Float64Array(plane.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = -radius; i <= radius; i++) {
        const xi = x + i >= 0 && x + i < width ? x + i : reflectIndex(x + i, width);
        sum += (kernel[i + radius] ?? 0) * (plane[row + xi] ?? 0);
      }
      rows[row + x] = sum;
    }
  }
  const out = new Float64Array(plane.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = -radius; j <= radius; j++) {
        const yj = y + j >= 0 && y + j < height ? y + j : reflectIndex(y + j, height);
        sum += (kernel[j + radius] ?? 0) * (rows[yj * width + x] ?? 0);
      }
      out[y * width + x] = sum;
    }
  }
  return out;
}

/** The normalised sampled Gaussian g(i) ∝ exp(−i² / 2σ²), i = −radius … radius, Σ g = 1. */
export function gaussianKernel(sigma: number, radius: number): Float64Array {
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const value = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = value;
    sum += value;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] ?? 0) / sum;
  return kernel;
}
