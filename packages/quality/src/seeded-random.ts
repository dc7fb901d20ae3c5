/**
 * mulberry32 (T. Ettinger, 2017): a 32-bit seeded generator of uniforms in [0, 1), the same on every platform.
 * The same generator as @nst/core's, written out again on purpose: the critic shares no code with what it judges.
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
