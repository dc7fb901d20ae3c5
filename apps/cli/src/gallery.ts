import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RgbaImage } from '@nst/core';
import sharp from 'sharp';

/** A row of the contact sheet: content | style | result. */
export interface GalleryRow {
  readonly content: RgbaImage;
  readonly style: RgbaImage;
  readonly result: RgbaImage;
}

const tile = (image: RgbaImage, side: number) =>
  sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .resize(side, side, { fit: 'contain', background: '#ffffff' })
    .png()
    .toBuffer();

/** Writes a PNG contact sheet of `rows`, each image fitted in a `side`-pixel square. */
export async function writeContactSheet(path: string, rows: readonly GalleryRow[], side = 256): Promise<void> {
  const gap = 8;
  const composite = [];
  for (const [r, row] of rows.entries()) {
    for (const [c, image] of [row.content, row.style, row.result].entries()) {
      composite.push({ input: await tile(image, side), top: gap + r * (side + gap), left: gap + c * (side + gap) });
    }
  }
  await mkdir(dirname(path), { recursive: true });
  await sharp({ create: { width: 3 * side + 4 * gap, height: rows.length * (side + gap) + gap, channels: 3, background: '#ffffff' } })
    .composite(composite)
    .png()
    .toFile(path);
}
