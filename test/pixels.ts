import sharp from 'sharp';

/** The RGBA pixels of an encoded image. */
export async function rgbaPixels(encoded: Uint8Array | Buffer): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(encoded).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Mean absolute difference of two equally long byte arrays, 0…255. */
export const meanAbsDiff = (a: Uint8Array, b: Uint8Array): number => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
