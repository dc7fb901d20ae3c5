import sharp from 'sharp';

/** The RGBA pixels of an encoded image (PNG, JPEG, WebP, …), decoded by sharp. */
export async function rgbaPixels(encoded: Uint8Array | Buffer): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(encoded).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
