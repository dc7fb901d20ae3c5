/** Reading and writing the studies' images (Node, sharp): RGBA pixels as @nst/quality and @nst/core take them. */
import sharp from 'sharp';
import type { Image } from '@nst/quality';

/** The image at `path` as RGBA, EXIF orientation applied, fitted within `max` px when given (never enlarged). */
export async function loadImage(path: string, max?: number): Promise<Image> {
  let pipeline = sharp(path).rotate();
  if (max !== undefined) pipeline = pipeline.resize(max, max, { fit: 'inside', withoutEnlargement: true });
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** Writes `image` as a PNG at `path`. */
export async function saveImage(image: Image, path: string): Promise<void> {
  await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 4 } })
    .png()
    .toFile(path);
}
