/**
 * HDF5 object headers (version 1, and version 2 'OHDR' with its 'OCHK' continuations): the list of
 * header messages of a group or dataset, continuation messages followed. Ref: The HDF Group, "HDF5
 * File Format Specification Version 3.0", IV.A.1 (object headers) and IV.A.2.q (continuation).
 */
import { WeightFileError } from '../errors.js';
import type { ByteSource } from './byte-source.js';

/** One header message: its type (0x01 dataspace, 0x03 datatype, 0x08 layout, 0x11 symbol table, …) and body. */
export interface HeaderMessage {
  readonly type: number;
  readonly body: DataView;
}

/** Sizes of addresses and lengths in this file, from its superblock. */
export interface Hdf5Sizes {
  readonly offsets: number;
  readonly lengths: number;
}

const CONTINUATION = 0x10;
const MAX_CONTINUATIONS = 1000;

export const hdf5Error = (message: string, found: string) => new WeightFileError(message, 'keras', found);

/** An unsigned little-endian integer of `size` bytes (an address or a length) at `at`. */
export function readSized(view: DataView, at: number, size: number): number {
  if (size === 8) return Number(view.getBigUint64(at, true));
  if (size === 4) return view.getUint32(at, true);
  if (size === 2) return view.getUint16(at, true);
  return view.getUint8(at);
}

/** Reads `length` bytes at `address`, refusing a block that runs past the end of the file. */
export async function readBlock(source: ByteSource, address: number, length: number): Promise<DataView> {
  if (address + length > source.size)
    throw hdf5Error('This .h5 file is truncated: a block runs past its end (copy it again).', 'a truncated file');
  const bytes = await source.read(address, length);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Messages of a version 1 header block (`view` from `start`, 8-byte aligned messages). */
function v1Messages(
  view: DataView,
  start: number,
  end: number,
  into: HeaderMessage[],
  continuations: [number, number][],
  sizes: Hdf5Sizes,
): void {
  for (let at = start; at + 8 <= end;) {
    const [type, size] = [view.getUint16(at, true), view.getUint16(at + 2, true)];
    if (at + 8 + size > end) break;
    const body = new DataView(view.buffer, view.byteOffset + at + 8, size);
    if (type === CONTINUATION) continuations.push([readSized(body, 0, sizes.offsets), readSized(body, sizes.offsets, sizes.lengths)]);
    else into.push({ type, body });
    at += 8 + size;
  }
}

/** Messages of a version 2 chunk (`view` from `start` to `end`, no alignment, optional creation order). */
function v2Messages(
  view: DataView,
  start: number,
  end: number,
  order: boolean,
  into: HeaderMessage[],
  continuations: [number, number][],
  sizes: Hdf5Sizes,
): void {
  const head = order ? 6 : 4;
  for (let at = start; at + head <= end;) {
    const [type, size] = [view.getUint8(at), view.getUint16(at + 1, true)];
    if (at + head + size > end) break;
    const body = new DataView(view.buffer, view.byteOffset + at + head, size);
    if (type === CONTINUATION) continuations.push([readSized(body, 0, sizes.offsets), readSized(body, sizes.offsets, sizes.lengths)]);
    else into.push({ type, body });
    at += head + size;
  }
}

/** The header messages of the object whose header is at `address`. */
export async function readObjectHeader(source: ByteSource, address: number, sizes: Hdf5Sizes): Promise<HeaderMessage[]> {
  const first = await readBlock(source, address, Math.min(16, source.size - address));
  const messages: HeaderMessage[] = [];
  const continuations: [number, number][] = [];
  const isV2 = first.byteLength >= 4 && first.getUint32(0, true) === 0x5244484f; // 'OHDR'
  let order = false;
  if (isV2) {
    const flags = first.getUint8(5);
    order = (flags & 0x04) !== 0;
    let at = 6 + ((flags & 0x20) !== 0 ? 16 : 0) + ((flags & 0x10) !== 0 ? 4 : 0);
    const sizeBytes = 1 << (flags & 0x03);
    const prefix = await readBlock(source, address, at + sizeBytes);
    const chunk = readSized(prefix, at, sizeBytes);
    at += sizeBytes;
    const view = await readBlock(source, address, at + chunk);
    v2Messages(view, at, at + chunk, order, messages, continuations, sizes);
  } else {
    if (first.byteLength < 16 || first.getUint8(0) !== 1)
      throw hdf5Error('This .h5 file has an object header of an unknown version: it is corrupt.', 'a bad object header');
    const size = first.getUint32(8, true);
    const view = await readBlock(source, address, 16 + size);
    v1Messages(view, 16, 16 + size, messages, continuations, sizes);
  }
  for (let i = 0; i < continuations.length && i < MAX_CONTINUATIONS; i += 1) {
    const [at, length] = continuations[i]!;
    const view = await readBlock(source, at, length);
    if (isV2) v2Messages(view, 4, length - 4, order, messages, continuations, sizes);
    else v1Messages(view, 0, length, messages, continuations, sizes);
  }
  return messages;
}
