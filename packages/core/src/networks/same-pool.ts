/**
 * The geometry of the networks' stride-2 'same' pools, shared by the tfjs layers and the native
 * graphs: where TensorFlow puts the padding, and how many pixels each window averages (padding
 * excluded, as tfjs's forward pass does).
 */

/** Kernel size of each pool mode: 2×2 average or max, and 'blur', a 3×3 average. */
export const POOL_KERNEL = { avg: 2, max: 2, blur: 3 } as const;

/** 'same' padding of a stride-2 pool of kernel `k` over `n` pixels: [before, after], as TensorFlow places it. */
export function samePoolPadding(n: number, k: number): [number, number] {
  const total = Math.max((Math.ceil(n / 2) - 1) * 2 + k - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Per output position of a 'same' stride-2 k×k pool over `h × w`: how many of its inputs lie inside the image. */
export function windowCounts(h: number, w: number, k: number): Float32Array {
  const [ph] = samePoolPadding(h, k);
  const [pw] = samePoolPadding(w, k);
  const inside = (o: number, pad: number, n: number) => Math.min(n, 2 * o - pad + k) - Math.max(0, 2 * o - pad);
  const [oh, ow] = [Math.ceil(h / 2), Math.ceil(w / 2)];
  const counts = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) counts[i * ow + j] = inside(i, ph, h) * inside(j, pw, w);
  return counts;
}
