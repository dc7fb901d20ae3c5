/** Mean absolute difference of two equally long byte arrays, 0…255. */
export const meanAbsDiff = (a: Uint8Array, b: Uint8Array): number => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
