/**
 * Mulberry32, a small, fast 32-bit generator: the same seed gives the same numbers on every
 * platform, which makes embedded weights and noise initialisation reproducible.
 * Ref: T. Ettinger, "Mulberry32" (public domain).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` draws from N(0, std²), by the Box–Muller transform of {@link seededRandom}. */
export function seededNormal(size: number, seed: number, std = 1): Float32Array {
  const uniform = seededRandom(seed);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform())) * std;
    const theta = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(theta);
    if (i + 1 < size) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
