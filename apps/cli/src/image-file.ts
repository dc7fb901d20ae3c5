import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { messageOf, type RgbaImage } from '@nst/core';
import sharp from 'sharp';
import { CliError } from './cli-error.js';
import { fileSystemError, isErrnoError } from './file-system-error.js';

/** The file types `nst` reads and writes. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** Decodes a PNG, JPEG or WebP file into RGBA pixels; says plainly what is wrong with a bad one. */
export async function readImage(path: string): Promise<RgbaImage> {
  const info = await stat(path).catch((error: unknown) => {
    if (isErrnoError(error) && error.code === 'ENOENT') return undefined;
    throw fileSystemError(path, error, 'read');
  });
  if (info === undefined) throw new CliError(`${path}: no such file.`);
  if (!info.isFile()) throw new CliError(`${path}: not a file.`);
  if (info.size === 0) throw new CliError(`${path}: the file is empty.`);
  const bytes = await readFile(path).catch((error: unknown) => {
    throw fileSystemError(path, error, 'read');
  });
  const format = (
    await sharp(bytes)
      .metadata()
      .catch(() => ({ format: undefined }))
  ).format;
  if (format === undefined) throw new CliError(`${path}: not an image, or a corrupt one.`);
  if (!['png', 'jpeg', 'webp'].includes(format)) throw new CliError(`${path}: ${format} images are not supported; use PNG, JPEG or WebP.`);
  try {
    const { data, info: raw } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: raw.width, height: raw.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw new CliError(`${path}: the image could not be decoded (${messageOf(error)}).`);
  }
}

/** The size of the image in `path`, from its header (no decoding), or undefined when it cannot be read. */
export async function imageSize(path: string): Promise<{ width: number; height: number } | undefined> {
  const { width, height } = await sharp(path)
    .metadata()
    .catch(() => ({ width: undefined, height: undefined }));
  return width === undefined || height === undefined ? undefined : { width, height };
}

/** Checks that `path` names an image type `nst` writes. */
export function assertWritableImagePath(path: string): void {
  const ext = extname(path).toLowerCase();
  if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new CliError(`${path}: cannot write '${ext || 'no extension'}' files; end the name in .png, .jpg or .webp.`, 2);
  }
}

/**
 * Encodes `image` by the extension of `path` (PNG, JPEG or WebP) and writes it, making folders:
 * to a temporary name beside it first, then renamed, so that no half-written file is ever left.
 * A file system error (a full disk, a read-only folder) is a {@link FileSystemError} naming `path`.
 */
export async function writeImage(path: string, image: RgbaImage): Promise<void> {
  assertWritableImagePath(path);
  const ext = extname(path).toLowerCase();
  const raw = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 4 },
  });
  const encoded =
    ext === '.png' ? raw.png() : ext === '.webp' ? raw.webp({ quality: 92 }) : raw.flatten({ background: '#ffffff' }).jpeg({ quality: 92 });
  const bytes = await encoded.toBuffer();
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileSystemError(path, error, 'write');
  }
}
