import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { MAX_IMAGE_SIDE, messageOf, type RgbaImage } from '@nst/core';
import sharp from 'sharp';
import { CliError } from './cli-error.js';
import { fileSystemError, isErrnoError } from './file-system-error.js';

/** The file types `nst` reads and writes. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** The most pixels `nst` decodes (a 150-megapixel camera's), checked from the header first: a decompression bomb is refused unread. */
export const MAX_INPUT_PIXELS = 150_000_000;

/** What {@link readImage} does with a large image. */
export interface ReadOptions {
  /** An image whose longest side is over {@link MAX_IMAGE_SIDE} is reduced on decode to this (at most that). Default: {@link MAX_IMAGE_SIDE}. */
  readonly fitWithin?: number;
}

/** Formats that sharp does not know, by their first bytes, to name them instead of calling them corrupt. */
const UNSUPPORTED_SIGNATURES: readonly [name: string, signature: string][] = [['BMP', 'BM']];

/** The image's format and its size as shown (EXIF orientation applied), from the header; says what is wrong with a bad one. */
async function header(path: string, bytes: Buffer): Promise<{ width: number; height: number }> {
  const unsupported = UNSUPPORTED_SIGNATURES.find(([, signature]) => bytes.subarray(0, signature.length).toString('latin1') === signature);
  if (unsupported !== undefined) throw new CliError(`${path}: ${unsupported[0]} images are not supported; use PNG, JPEG or WebP.`);
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (meta?.format === undefined) throw new CliError(`${path}: not an image, or a corrupt one.`);
  if (!['png', 'jpeg', 'webp'].includes(meta.format))
    throw new CliError(`${path}: ${meta.format} images are not supported; use PNG, JPEG or WebP.`);
  const { width, height } = meta.autoOrient;
  if (width * height > MAX_INPUT_PIXELS) {
    throw new CliError(
      `${path}: the image is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} megapixels); ` +
        `nst reads at most ${MAX_INPUT_PIXELS / 1e6} megapixels. Scale it down first.`,
    );
  }
  return { width, height };
}

/**
 * Decodes a PNG, JPEG or WebP file into RGBA pixels as a viewer shows them (EXIF orientation
 * applied); says plainly what is wrong with a bad one. An image over {@link MAX_IMAGE_SIDE} px is
 * reduced on decode (see {@link ReadOptions}); one over {@link MAX_INPUT_PIXELS} is refused from its header.
 */
export async function readImage(path: string, { fitWithin = MAX_IMAGE_SIDE }: ReadOptions = {}): Promise<RgbaImage> {
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
  const { width, height } = await header(path, bytes);
  const side = Math.min(fitWithin, MAX_IMAGE_SIDE);
  try {
    let image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    if (Math.max(width, height) > MAX_IMAGE_SIDE) image = image.resize({ width: side, height: side, fit: 'inside' });
    const { data, info: raw } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: raw.width, height: raw.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw new CliError(`${path}: the image could not be decoded (${messageOf(error)}).`);
  }
}

/** The size of the image in `path` as shown (EXIF orientation applied), from its header (no decoding), or undefined when it cannot be read. */
export async function imageSize(path: string): Promise<{ width: number; height: number } | undefined> {
  const meta = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  return meta === undefined ? undefined : { width: meta.autoOrient.width, height: meta.autoOrient.height };
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
