import type { Image } from './image.js';

/** Weights of one output sample on the source samples along one axis. */
interface Taps {
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float64Array[];
}

/**
 * Area averaging when shrinking: output sample i covers source interval [i·s, (i+1)·s), s = n/m,
 * each source sample weighted by its overlap / s. Bilinear when growing: source position
 * (i + ½)·n/m − ½, clamped to the edge samples.
 */
function axisTaps(source: number, target: number): Taps {
  const first = new Int32Array(target);
  const count = new Int32Array(target);
  const weights: Float64Array[] = [];
  const scale = source / target;
  for (let i = 0; i < target; i++) {
    if (target <= source) {
      const start = i * scale;
      const end = (i + 1) * scale;
      const lo = Math.floor(start);
      const hi = Math.min(source, Math.ceil(end));
      const w = new Float64Array(hi - lo);
      for (let k = lo; k < hi; k++) w[k - lo] = (Math.min(end, k + 1) - Math.max(start, k)) / scale;
      first[i] = lo;
      count[i] = hi - lo;
      weights.push(w);
    } else {
      const position = Math.min(source - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const lo = Math.min(source - 1, Math.floor(position));
      const t = position - lo;
      first[i] = lo;
      if (lo + 1 < source) {
        count[i] = 2;
        weights.push(Float64Array.of(1 - t, t));
      } else {
        count[i] = 1;
        weights.push(Float64Array.of(1));
      }
    }
  }
  return { first, count, weights };
}

/**
 * Resamples all four channels to `width`×`height`, separably: area averaging along an axis that
 * shrinks (a box filter exact over fractional pixels, the anti-aliased "INTER_AREA" rule),
 * bilinear interpolation with half-pixel centres along one that grows; rounds to 8 bits once.
 * The same size returns an exact copy.
 */
export function resizeImage(image: Image, width: number, height: number): Image {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resizeImage: bad size ${width}×${height}`);
  }
  const { width: sw, height: sh, data } = image;
  const xt = axisTaps(sw, width);
  const yt = axisTaps(sh, height);
  // Horizontal pass: sh rows × width columns × 4 channels.
  const rows = new Float64Array(sh * width * 4);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < width; x++) {
      const lo = xt.first[x] ?? 0;
      const n = xt.count[x] ?? 0;
      const w = xt.weights[x] ?? new Float64Array(0);
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (w[k] ?? 0) * (data[4 * (y * sw + lo + k) + c] ?? 0);
        rows[4 * (y * width + x) + c] = sum;
      }
    }
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const lo = yt.first[y] ?? 0;
    const n = yt.count[y] ?? 0;
    const w = yt.weights[y] ?? new Float64Array(0);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (w[k] ?? 0) * (rows[4 * ((lo + k) * width + x) + c] ?? 0);
        out[4 * (y * width + x) + c] = Math.round(sum);
      }
    }
  }
  return { width, height, data: out };
}
