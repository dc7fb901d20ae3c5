/**
 * A zip archive's directory, and its entries read one at a time from a {@link ByteSource}: what a
 * PyTorch checkpoint is (`torch.save` since 1.6 writes one uncompressed entry per storage). Only
 * the central directory and the entries asked for are read. ZIP64 is understood; methods 0 (stored)
 * and 8 (deflate). Ref: PKWARE, APPNOTE.TXT 6.3.10, sections 4.3.7–4.3.16 and 4.5.3.
 */
import { WeightFileError } from '../errors.js';
import { ByteReader, sourceChunks } from './byte-reader.js';
import type { ByteSource } from './byte-source.js';
import { inflatingReader } from './inflate.js';

/** One file in a zip archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
}

const SIGNATURE = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 };
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
const UNSET32 = 0xffffffff;

const zipError = (message: string, found: string) => new WeightFileError(message, 'pytorch', found);
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Where the central directory is and how many entries it has, from the (ZIP64) end record. */
async function centralDirectory(source: ByteSource): Promise<{ offset: number; size: number; count: number }> {
  const tailStart = Math.max(0, source.size - END_BYTES - MAX_COMMENT);
  const tail = await source.read(tailStart, source.size - tailStart);
  const data = view(tail);
  let at = tail.length - END_BYTES;
  while (at >= 0 && data.getUint32(at, true) !== SIGNATURE.end) at -= 1;
  if (at < 0)
    throw zipError(
      'This PyTorch checkpoint has no zip directory at its end: it is truncated (copy it again).',
      'no end of central directory',
    );
  let [count, size, offset] = [data.getUint16(at + 10, true), data.getUint32(at + 12, true), data.getUint32(at + 16, true)];
  if (count === 0xffff || size === UNSET32 || offset === UNSET32) {
    const locator = view(await source.read(tailStart + at - 20, 20));
    if (locator.getUint32(0, true) !== SIGNATURE.locator64)
      throw zipError('The zip directory of this PyTorch checkpoint is corrupt (no ZIP64 locator).', 'a corrupt zip');
    const end64 = view(await source.read(Number(locator.getBigUint64(8, true)), 56));
    if (end64.getUint32(0, true) !== SIGNATURE.end64)
      throw zipError('The zip directory of this PyTorch checkpoint is corrupt (no ZIP64 end record).', 'a corrupt zip');
    [count, size, offset] = [
      Number(end64.getBigUint64(32, true)),
      Number(end64.getBigUint64(40, true)),
      Number(end64.getBigUint64(48, true)),
    ];
  }
  if (offset + size > source.size)
    throw zipError('This PyTorch checkpoint is truncated: its zip directory points past its end (copy it again).', 'a truncated zip');
  return { offset, size, count };
}

/** Sizes and offset from a ZIP64 extra field (id 1): each present only where the header has 0xFFFFFFFF. */
function zip64Values(extra: DataView, wanted: readonly number[]): number[] {
  const values = [...wanted];
  for (let at = 0; at + 4 <= extra.byteLength;) {
    const [id, length] = [extra.getUint16(at, true), extra.getUint16(at + 2, true)];
    if (id === 1) {
      let field = at + 4;
      values.forEach((value, i) => {
        if (value === UNSET32 && field + 8 <= at + 4 + length) {
          values[i] = Number(extra.getBigUint64(field, true));
          field += 8;
        }
      });
    }
    at += 4 + length;
  }
  return values;
}

/** The entries of the zip archive in `source`, by name. */
export async function readZipDirectory(source: ByteSource): Promise<Map<string, ZipEntry>> {
  const { offset, size, count } = await centralDirectory(source);
  const bytes = await source.read(offset, size);
  const data = view(bytes);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== SIGNATURE.central)
      throw zipError('The zip directory of this PyTorch checkpoint is corrupt.', 'a corrupt zip');
    const [nameLength, extraLength, commentLength] = [
      data.getUint16(at + 28, true),
      data.getUint16(at + 30, true),
      data.getUint16(at + 32, true),
    ];
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const extra = new DataView(bytes.buffer, bytes.byteOffset + at + 46 + nameLength, extraLength);
    const [size64, compressed64, header64] = zip64Values(extra, [
      data.getUint32(at + 24, true),
      data.getUint32(at + 20, true),
      data.getUint32(at + 42, true),
    ]);
    entries.set(name, {
      name,
      method: data.getUint16(at + 10, true),
      size: size64 ?? 0,
      compressedSize: compressed64 ?? 0,
      headerOffset: header64 ?? 0,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of `entry`, inflated if it is deflated. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry): Promise<Uint8Array> {
  const header = view(await source.read(entry.headerOffset, 30));
  if (header.byteLength < 30 || header.getUint32(0, true) !== SIGNATURE.local)
    throw zipError(`The zip entry ${entry.name} of this PyTorch checkpoint is corrupt.`, 'a corrupt zip');
  const start = entry.headerOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const ended = () =>
    zipError(
      `The zip entry ${entry.name} of this PyTorch checkpoint ends early: the file is truncated (copy it again).`,
      'a truncated zip',
    );
  if (start + entry.compressedSize > source.size) throw ended();
  const input = new ByteReader(sourceChunks(source, start, start + entry.compressedSize), ended);
  if (entry.method === 0) return (await input.bytes(entry.size)).slice();
  if (entry.method !== 8)
    throw zipError(
      `The zip entry ${entry.name} is compressed by method ${entry.method}; only stored and deflated entries are read.`,
      `zip method ${entry.method}`,
    );
  try {
    return (await inflatingReader(input, entry.compressedSize, 'deflate-raw', ended).bytes(entry.size)).slice();
  } catch (error) {
    if (error instanceof WeightFileError) throw error;
    throw zipError(
      `The zip entry ${entry.name} cannot be inflated (${error instanceof Error ? error.message : String(error)}): the file is corrupt.`,
      'corrupt deflate data',
    );
  }
}
